/**
 * The model's table rows: `TableRow` objects whose cell values live in one `TableValues`
 * per table (typed arrays, outside the JS heap), made into `Decimal`s when read, and whose
 * name, flags and counts are read from the parse's row store (grammar/rows.ts) by number.
 *
 * Why: as `(Decimal | null)[]` per row, a 10,000-row table kept 50,000 small objects alive
 * for the garbage collector to copy on every re-check; see grammar/rows.ts for the same
 * reasoning about the syntax tree. `values` makes a fresh array on each access: loops over
 * many rows read `valueAt(i)` instead.
 */
import type { RowNode, RowStore } from '../../../grammar/index.js';
import { Decimal, type DecimalSum } from './decimal.js';
import type { RowModel, TableModel } from './types.js';

/** What `Decimal.readSafe` read. */
const READ = { coef: 0, scale: 0 };

const NULL = 0;
const SAFE = 1;
const BIG = 2;

/** The numeric cells of a table's rows: slot `row × width + column`. */
export class TableValues {
  private coef: Float64Array;
  private scale: Uint8Array;
  private state: Uint8Array;
  /** Values whose coefficient is not a safe integer (or whose scale exceeds 255): rare. */
  private readonly big = new Map<number, Decimal>();
  private rows = 0;

  /**
   * `width`: the table's numeric columns; `table`: the table whose values these are; `rows`:
   * how many rows it is expected to have; `rowStore`: the parse's row store, where the
   * table's rows are read (grammar/rows.ts; none only for a table without rows).
   */
  constructor(
    readonly width: number,
    readonly table: TableModel,
    rows = 0,
    readonly rowStore?: RowStore,
  ) {
    const size = Math.max(rows * width, 64);
    this.coef = new Float64Array(size);
    this.scale = new Uint8Array(size);
    this.state = new Uint8Array(size);
  }

  /** A new row's first slot. */
  addRow(): number {
    const slot = this.rows * this.width;
    this.rows++;
    const need = this.rows * this.width;
    if (need > this.coef.length) {
      const size = Math.max(need, this.coef.length * 2, 64);
      const coef = new Float64Array(size);
      coef.set(this.coef);
      const scale = new Uint8Array(size);
      scale.set(this.scale);
      const state = new Uint8Array(size);
      state.set(this.state);
      this.coef = coef;
      this.scale = scale;
      this.state = state;
    }
    return slot;
  }

  set(slot: number, d: Decimal | null): void {
    if (d === null) {
      this.state[slot] = NULL;
      return;
    }
    const c = d.safeCoef;
    if (c !== undefined && d.scale <= 255) {
      this.coef[slot] = c;
      this.scale[slot] = d.scale;
      this.state[slot] = SAFE;
    } else {
      this.big.set(slot, d);
      this.state[slot] = BIG;
    }
  }

  /** Sets `slot` to coef × 10^-scale (`coef` a safe integer, as `Decimal.readSafe` gives it). */
  setSafe(slot: number, coef: number, scale: number): void {
    this.coef[slot] = coef;
    this.scale[slot] = scale;
    this.state[slot] = SAFE;
  }

  /**
   * Reads the number `text[start, end)` into `slot`, as `Decimal.parse` would; false (and
   * the slot null) when it is not a number.
   */
  read(slot: number, text: string, start: number, end: number): boolean {
    if (Decimal.readSafe(text, start, end, READ)) {
      this.coef[slot] = READ.coef;
      this.scale[slot] = READ.scale;
      this.state[slot] = SAFE;
      return true;
    }
    const d = Decimal.parse(text.slice(start, end));
    this.set(slot, d ?? null);
    return d !== undefined;
  }

  /** Adds the value in `slot` (or its negation; an empty cell adds nothing) to `sum`, without making it. */
  addTo(sum: DecimalSum, slot: number, negate: boolean): void {
    const s = this.state[slot];
    if (s === SAFE) {
      const c = this.coef[slot]!;
      sum.addSafe(negate ? 0 - c : c, this.scale[slot]!); // (0 - c: never -0)
    } else if (s === BIG) {
      const d = this.big.get(slot);
      if (d) sum.add(negate ? d.neg() : d);
    }
  }

  get(slot: number): Decimal | null {
    const s = this.state[slot];
    if (s === SAFE) return Decimal.fromSafe(this.coef[slot]!, this.scale[slot]!);
    if (s === BIG) return this.big.get(slot) ?? null;
    return null;
  }
}

const NO_ROWS: RowModel[] = [];
Object.freeze(NO_ROWS);

/** A row of the model: see the module comment. */
export class TableRow implements RowModel {
  /** Its parts (set once by the model's builder); a leaf shares one frozen empty list. */
  children: RowModel[] = NO_ROWS;

  /**
   * The row's first slot in `store`, its depth and whether it is valid, in one number (slot ×
   * 256 + depth × 2 + valid): a row object is made for every row, so its fields are few.
   */
  private readonly bits: number;

  constructor(
    /**
     * The row's line: row `line` of `store.rowStore`, read there directly (its `RowNode` view
     * is made only when `node` is asked for, which the checks do only for a row they report).
     */
    private readonly line: number,
    private readonly store: TableValues,
    slot: number,
    depth: number,
    readonly parent: RowModel | undefined,
    valid: boolean,
  ) {
    this.bits = slot * 256 + depth * 2 + (valid ? 1 : 0);
  }

  private get slot(): number {
    return (this.bits - (this.bits % 256)) / 256;
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
    return (this.bits % 256) >> 1;
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
    for (let i = 0; i < out.length; i++) out[i] = this.store.get(this.slot + i);
    return out;
  }

  valueAt(index: number): Decimal | null {
    return index >= 0 && index < this.store.width ? this.store.get(this.slot + index) : null;
  }

  addValueTo(sum: DecimalSum, index: number, negate = false): void {
    if (index >= 0 && index < this.store.width) this.store.addTo(sum, this.slot + index, negate);
  }

  toJSON(): object {
    return { name: this.name, depth: this.depth, breakdown: this.breakdown, values: this.values.map((v) => v?.toString() ?? null), texts: this.texts, valid: this.valid, ...(this.group ? { group: true } : {}), children: this.children };
  }
}
