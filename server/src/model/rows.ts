/**
 * The model's table rows: `TableRow` objects whose cell values are read from the parse's row
 * store (grammar/rows.ts: the values the lexer read, in typed arrays outside the JS heap)
 * through one `TableValues` per table, made into `Decimal`s when read, and whose name, flags
 * and counts are read from the same store by number.
 *
 * Why: as `(Decimal | null)[]` per row, a 10,000-row table kept 50,000 small objects alive
 * for the garbage collector to copy on every re-check; see grammar/rows.ts for the same
 * reasoning about the syntax tree. The values are not copied either: typed arrays made on
 * every check count as external memory, whose growth makes V8 collect (at 100,000 rows, a
 * copy of the values was 4 MB of the 16 MB a check allocated outside the heap). `values`
 * makes a fresh array on each access: loops over many rows read `valueAt(i)` instead.
 */
import type { RowNode, RowStore } from '../../../grammar/index.js';
import { Decimal, type DecimalSum } from './decimal.js';
import type { RowModel, TableModel } from './types.js';

const NO_CELLS = { coef: new Float64Array(0), scale: new Int8Array(0), empty: new Uint8Array(0) };

/**
 * The numeric cells of a table's rows, read from the row store by cell number: a row's cells
 * are its store cells `[slot, slot + count)`, where the row says which (`TableRow`).
 */
export class TableValues {
  private readonly coef: Float64Array;
  private readonly scale: Int8Array;
  private readonly empty: Uint8Array;
  /** The values of cells the lexer did not read (more than 15 digits), by cell, read from the text when first asked for. */
  private readonly big = new Map<number, Decimal | null>();

  /**
   * `width`: the table's numeric columns; `table`: the table whose values these are;
   * `rowStore`: the parse's row store, where the table's rows are read (none only for a
   * table without rows).
   */
  constructor(
    readonly width: number,
    readonly table: TableModel,
    readonly rowStore?: RowStore,
  ) {
    const cells = rowStore?.cellValues() ?? NO_CELLS;
    this.coef = cells.coef;
    this.scale = cells.scale;
    this.empty = cells.empty;
  }

  /** Adds the value of cell `slot` (or its negation; an empty cell adds nothing) to `sum`, without making it. */
  addTo(sum: DecimalSum, slot: number, negate: boolean): void {
    if (this.empty[slot] === 1) return;
    const s = this.scale[slot]!;
    if (s >= 0) {
      const c = this.coef[slot]!;
      sum.addSafe(negate ? 0 - c : c, s); // (0 - c: never -0)
      return;
    }
    const d = this.bigAt(slot);
    if (d) sum.add(negate ? d.neg() : d);
  }

  get(slot: number): Decimal | null {
    if (this.empty[slot] === 1) return null;
    const s = this.scale[slot]!;
    if (s >= 0) return Decimal.fromSafe(this.coef[slot]!, s);
    return this.bigAt(slot);
  }

  private bigAt(slot: number): Decimal | null {
    let d = this.big.get(slot);
    if (d === undefined) {
      const store = this.rowStore!;
      d = Decimal.parse(store.text.slice(store.cellStartOf(slot), store.cellEndOf(slot))) ?? null;
      this.big.set(slot, d);
    }
    return d;
  }
}

const NO_ROWS: RowModel[] = [];
Object.freeze(NO_ROWS);

/** A row of the model: see the module comment. */
export class TableRow implements RowModel {
  /** Its parts (set once by the model's builder); a leaf shares one frozen empty list. */
  children: RowModel[] = NO_ROWS;

  /**
   * The row's first cell in `store`, its depth, whether it has a cell in every column and
   * whether it is valid, in one number (slot × 512 + depth × 4 + full × 2 + valid): a row object
   * is made for every row, so its fields are few.
   */
  private readonly bits: number;

  constructor(
    /**
     * The row's line: row `line` of `store.rowStore`, read there directly (its `RowNode` view
     * is made only when `node` is asked for, which the checks do only for a row they report).
     */
    private readonly line: number,
    private readonly store: TableValues,
    depth: number,
    readonly parent: RowModel | undefined,
    valid: boolean,
  ) {
    const rows = store.rowStore!;
    const full = rows.cellCountOf(line) >= store.width;
    this.bits = rows.cellsFrom(line) * 512 + depth * 4 + (full ? 2 : 0) + (valid ? 1 : 0);
  }

  private get slot(): number {
    return (this.bits - (this.bits % 512)) / 512;
  }

  /** How many of the table's columns the row has a cell in (its line may have fewer). */
  private get cellBound(): number {
    const width = this.store.width;
    return this.bits % 4 >= 2 ? width : Math.min(width, this.rows.cellCountOf(this.line));
  }

  private get rows(): RowStore {
    return this.store.rowStore!;
  }

  get node(): RowNode {
    return this.rows.view(this.line);
  }

  get table(): TableModel {
    return this.store.table;
  }

  /** 0 for top-level rows. */
  get depth(): number {
    return (this.bits % 512) >> 2;
  }

  get valid(): boolean {
    return this.bits % 2 === 1;
  }

  /** Text cells by text-column order (missing trailing ones are ''), trimmed. */
  get texts(): string[] {
    const n = this.table.textColumns.length;
    const cells = n > 0 ? this.node.textCells : [];
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) out[i] = cells[i]?.text.trim() ?? '';
    return out;
  }

  get name(): string {
    return this.rows.nameText(this.line);
  }

  get misplaced(): boolean {
    return this.rows.misplaced(this.line);
  }

  get group(): boolean {
    return this.rows.group(this.line);
  }

  sameName(other: RowModel): boolean {
    // A row store's names are single runs of text: nothing to trim (see grammar/build.ts).
    if (other instanceof TableRow && other.store.rowStore === this.store.rowStore) return this.rows.sameName(this.line, other.line);
    return this.name.trim() === other.name.trim();
  }

  nameHash(): number {
    return this.rows.nameHash(this.line);
  }

  get breakdown(): boolean {
    return this.rows.breakdown(this.line);
  }

  get broken(): boolean {
    return this.rows.broken(this.line);
  }

  get cellCount(): number {
    return this.rows.cellCountOf(this.line);
  }

  get textCellCount(): number {
    return this.rows.textCellCount(this.line);
  }

  get values(): (Decimal | null)[] {
    const out = new Array<Decimal | null>(this.store.width);
    const bound = this.cellBound;
    for (let i = 0; i < out.length; i++) out[i] = i < bound ? this.store.get(this.slot + i) : null;
    return out;
  }

  valueAt(index: number): Decimal | null {
    return index >= 0 && index < this.cellBound ? this.store.get(this.slot + index) : null;
  }

  addValueTo(sum: DecimalSum, index: number, negate = false): void {
    if (index >= 0 && index < this.cellBound) this.store.addTo(sum, this.slot + index, negate);
  }

  toJSON(): object {
    return { name: this.name, depth: this.depth, breakdown: this.breakdown, values: this.values.map((v) => v?.toString() ?? null), texts: this.texts, valid: this.valid, ...(this.group ? { group: true } : {}), children: this.children };
  }
}
