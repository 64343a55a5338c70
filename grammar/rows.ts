/**
 * Table rows, stored column-wise: one `RowStore` per parse holds every row's offsets, flags,
 * cells and tree links in typed arrays, and each row is a small `Row` view (the store and an
 * index) that answers the `RowNode` interface from them.
 *
 * Why: rows are nearly all of a large document. As plain objects each row was ~17 objects
 * (the row, its name, its cells and their strings, its arrays), 760 bytes per row that the
 * garbage collector copied from the young generation on every re-check of a 10,000-row table,
 * the largest single cost of parse + check (bench/README.md). Typed arrays live outside the
 * JS heap and are never copied; a row now keeps one small object on the heap.
 *
 * A row's view is made when first asked for (`view`) and kept, so a row keeps its identity
 * (the checks of a large table read the store through the model without making views); what a getter returns
 * (`name`, `cells`, `children`, `textCells`) is made on each access: read it once when
 * reading it in a loop. `toJSON` gives the row as a plain object, for printing and comparing.
 */
import type { CellNode, RowNode, Word } from './ast.js';
import { copyCodeUnits } from './code-units.js';

const NO_WORDS: readonly Word[] = Object.freeze([]);
const NO_ROWS: readonly RowNode[] = Object.freeze([]);

const BREAKDOWN = 1;
const BROKEN = 2;
const MISPLACED = 4;
const GROUP = 8;

function grown<T extends Int32Array | Uint8Array | Int8Array | Float64Array>(a: T, size: number): T {
  if (size <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(size, a.length * 2));
  next.set(a);
  return next;
}

/**
 * A hash of the name `text[from, to)` (FNV-1a over its UTF-16 code units), ≥ 0, the same for
 * the same name wherever it is read; -1 for an empty name.
 */
export function nameHash(text: string, from: number, to: number): number {
  return from >= to ? -1 : nameHashIn(copyCodeUnits(text, from, to, new Uint16Array(to - from)), 0, to - from);
}

/** `nameHash` of the name whose code units are `codes[from, to)` (./code-units.ts). */
export function nameHashIn(codes: Uint16Array, from: number, to: number): number {
  if (from >= to) return -1;
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ codes[i]!, 0x01000193);
  return h >>> 1;
}

export class RowStore {
  /** The rows' views made so far, by index (`view`): a few, or all of them for an editor feature. */
  private readonly views = new Map<number, Row>();
  /** How many rows there are. */
  count = 0;
  // Per row (index r). Tree links are stored as index + 1 (0: none).
  private rowStart: Int32Array;
  private rowEnd: Int32Array;
  private nameStart: Int32Array;
  private nameEnd: Int32Array;
  private flags: Uint8Array;
  /** `nameHash` of the row's name, taken when the row was begun. */
  private nameHashes: Int32Array;
  /** The row's cells are `[cellFrom[r], cellFrom[r + 1])` (the last row's end at `cellCount`). */
  private cellFrom: Int32Array;
  private firstChild: Int32Array;
  private lastChild: Int32Array;
  private nextSibling: Int32Array;
  /** The row's text cells are `[textFrom[r], textFrom[r + 1])` (the last row's end at `textCount`). */
  private textFrom: Int32Array;
  // Per cell.
  private cellCount = 0;
  private cellStart: Int32Array;
  private cellEnd: Int32Array;
  private cellEmpty: Uint8Array;
  /** A number cell's value read by the lexer: coefficient and scale (-1: not read). */
  private cellCoef: Float64Array;
  private cellScale: Int8Array;
  // Per text cell (`[文字]`); `textBlank`: written `[ ]`, its text is '' (not the spaces).
  private textCount = 0;
  private textStart: Int32Array;
  private textEnd: Int32Array;
  private textBlank: Uint8Array;

  /**
   * `rows`, `cells`, `textCells`: how many the text is expected to have (the lexer counts its
   * row lines: `RowLineLayouts`), so that the arrays are made once at their size and not grown
   * (and copied) step by step; more are still taken.
   */
  constructor(
    readonly text: string,
    rows = 0,
    cells = 0,
    textCells = 0,
  ) {
    const r = Math.max(rows, 64);
    this.rowStart = new Int32Array(r);
    this.rowEnd = new Int32Array(r);
    this.nameStart = new Int32Array(r);
    this.nameEnd = new Int32Array(r);
    this.flags = new Uint8Array(r);
    this.nameHashes = new Int32Array(r);
    this.cellFrom = new Int32Array(r);
    this.firstChild = new Int32Array(r);
    this.lastChild = new Int32Array(r);
    this.nextSibling = new Int32Array(r);
    this.textFrom = new Int32Array(r);
    const c = Math.max(cells, 256);
    this.cellStart = new Int32Array(c);
    this.cellEnd = new Int32Array(c);
    this.cellEmpty = new Uint8Array(c);
    this.cellCoef = new Float64Array(c);
    this.cellScale = new Int8Array(c);
    const t = Math.max(textCells, 64);
    this.textStart = new Int32Array(t);
    this.textEnd = new Int32Array(t);
    this.textBlank = new Uint8Array(t);
  }

  /**
   * Starts a row; add its text cells with `textCell` and its cells with `cell`, then `end` it.
   * Returns its index. `hash`: its name's `nameHash`, when the caller has it at hand.
   */
  begin(nameStart: number, nameEnd: number, breakdown: boolean, hash = nameHash(this.text, nameStart, nameEnd)): number {
    const r = this.count++;
    if (r >= this.rowStart.length) {
      const size = r + 1;
      this.rowStart = grown(this.rowStart, size);
      this.rowEnd = grown(this.rowEnd, size);
      this.nameStart = grown(this.nameStart, size);
      this.nameEnd = grown(this.nameEnd, size);
      this.flags = grown(this.flags, size);
      this.nameHashes = grown(this.nameHashes, size);
      this.cellFrom = grown(this.cellFrom, size);
      this.firstChild = grown(this.firstChild, size);
      this.lastChild = grown(this.lastChild, size);
      this.nextSibling = grown(this.nextSibling, size);
      this.textFrom = grown(this.textFrom, size);
    }
    this.nameStart[r] = nameStart;
    this.nameEnd[r] = nameEnd;
    this.flags[r] = breakdown ? BREAKDOWN : 0;
    this.nameHashes[r] = hash;
    this.cellFrom[r] = this.cellCount;
    this.textFrom[r] = this.textCount;
    return r;
  }

  /**
   * A cell of the row being built; `coef` and `scale`: its value as the lexer read it (see
   * `numberValue` in ./tokens.ts), scale -1 when it did not (the model then reads the text).
   */
  cell(start: number, end: number, empty: boolean, coef: number, scale: number): void {
    const c = this.cellCount++;
    if (c >= this.cellStart.length) {
      this.cellStart = grown(this.cellStart, c + 1);
      this.cellEnd = grown(this.cellEnd, c + 1);
      this.cellEmpty = grown(this.cellEmpty, c + 1);
      this.cellCoef = grown(this.cellCoef, c + 1);
      this.cellScale = grown(this.cellScale, c + 1);
    }
    this.cellStart[c] = start;
    this.cellEnd[c] = end;
    this.cellEmpty[c] = empty ? 1 : 0;
    this.cellCoef[c] = coef;
    this.cellScale[c] = scale;
  }

  textCell(start: number, end: number, blank: boolean): void {
    const t = this.textCount++;
    if (t >= this.textStart.length) {
      this.textStart = grown(this.textStart, t + 1);
      this.textEnd = grown(this.textEnd, t + 1);
      this.textBlank = grown(this.textBlank, t + 1);
    }
    this.textStart[t] = start;
    this.textEnd[t] = end;
    this.textBlank[t] = blank ? 1 : 0;
  }

  /** The row's span, whether its line is broken and whether it was placed by a guess (see `RowNode`). Returns its index. */
  end(r: number, start: number, end: number, broken: boolean, misplaced = false): number {
    this.rowStart[r] = start;
    this.rowEnd[r] = end;
    if (broken) this.flags[r]! |= BROKEN;
    if (misplaced) this.flags[r]! |= MISPLACED;
    return r;
  }

  /** Marks row `r` broken after it was ended (its line turned out to lack something). */
  setBroken(r: number): void {
    this.flags[r]! |= BROKEN;
  }

  /** Marks row `r` a group row after its parts were read (see `RowNode.group`). */
  setGroup(r: number): void {
    this.flags[r]! |= GROUP;
  }

  /** Row `r` as a `RowNode` (made once, then the same object). */
  view(r: number): Row {
    let view = this.views.get(r);
    if (view === undefined) {
      view = new Row(this, r);
      this.views.set(r, view);
    }
    return view;
  }

  /** Adds `child` as the last part of `parent`. */
  addChild(parent: number, child: number): void {
    const last = this.lastChild[parent]!;
    if (last === 0) this.firstChild[parent] = child + 1;
    else this.nextSibling[last - 1] = child + 1;
    this.lastChild[parent] = child + 1;
  }

  // ---- reading (used by `Row`) ----

  start(r: number): number {
    return this.rowStart[r]!;
  }

  endOf(r: number): number {
    return this.rowEnd[r]!;
  }

  /** `nameHash` of row `r`'s name. */
  nameHash(r: number): number {
    return this.nameHashes[r]!;
  }

  /** Rows `a` and `b` have the same name (compared in the text, without making either). */
  sameName(a: number, b: number): boolean {
    const aStart = this.nameStart[a]!;
    const bStart = this.nameStart[b]!;
    const length = this.nameEnd[a]! - aStart;
    if (length !== this.nameEnd[b]! - bStart) return false;
    const text = this.text;
    for (let k = 0; k < length; k++) if (text.charCodeAt(aStart + k) !== text.charCodeAt(bStart + k)) return false;
    return true;
  }

  /** Row `r`'s name is empty (`name(r).text === ''`), without making the word. */
  nameIsEmpty(r: number): boolean {
    return this.nameStart[r] === this.nameEnd[r];
  }

  /** `name(r).text`, without making the word. */
  nameText(r: number): string {
    return this.text.slice(this.nameStart[r]!, this.nameEnd[r]!);
  }

  /** The number of cells of row `r` (`cells(r).length`). */
  cellCountOf(r: number): number {
    return this.cellsTo(r) - this.cellFrom[r]!;
  }

  name(r: number): Word {
    const start = this.nameStart[r]!;
    const end = this.nameEnd[r]!;
    return { text: this.text.slice(start, end), start, end };
  }

  breakdown(r: number): boolean {
    return (this.flags[r]! & BREAKDOWN) !== 0;
  }

  broken(r: number): boolean {
    return (this.flags[r]! & BROKEN) !== 0;
  }

  misplaced(r: number): boolean {
    return (this.flags[r]! & MISPLACED) !== 0;
  }

  group(r: number): boolean {
    return (this.flags[r]! & GROUP) !== 0;
  }

  textCellCount(r: number): number {
    const to = r + 1 < this.count ? this.textFrom[r + 1]! : this.textCount;
    return to - this.textFrom[r]!;
  }

  textCells(r: number): readonly Word[] {
    const from = this.textFrom[r]!;
    const to = r + 1 < this.count ? this.textFrom[r + 1]! : this.textCount;
    if (from === to) return NO_WORDS;
    const out = new Array<Word>(to - from);
    for (let t = from; t < to; t++) {
      const start = this.textStart[t]!;
      const end = this.textEnd[t]!;
      out[t - from] = { text: this.textBlank[t] === 1 ? '' : this.text.slice(start, end), start, end };
    }
    return out;
  }

  /** The row's cells are `[cellsFrom(r), cellsTo(r))`. */
  cellsFrom(r: number): number {
    return this.cellFrom[r]!;
  }

  cellsTo(r: number): number {
    return r + 1 < this.count ? this.cellFrom[r + 1]! : this.cellCount;
  }

  cellStartOf(c: number): number {
    return this.cellStart[c]!;
  }

  cellEndOf(c: number): number {
    return this.cellEnd[c]!;
  }

  /** The scale of cell `c`'s value as the lexer read it, or -1 when it did not (see `cell`). */
  cellScaleOf(c: number): number {
    return this.cellScale[c]!;
  }

  /** The coefficient of cell `c`'s value, when `cellScaleOf(c)` is not -1. */
  cellCoefOf(c: number): number {
    return this.cellCoef[c]!;
  }

  cellIsEmpty(c: number): boolean {
    return this.cellEmpty[c] === 1;
  }

  /**
   * The cells' values as the lexer read them, by cell: `empty` 1 for a `-`, else `coef` ×
   * 10^-`scale` (`scale` -1: not read, the text is). The store's own arrays, for a reader of
   * every cell of a large table (the model's `TableValues`): valid once the parse that built
   * the store is done (they are not grown after), and never to be written.
   */
  cellValues(): { readonly coef: Float64Array; readonly scale: Int8Array; readonly empty: Uint8Array } {
    return { coef: this.cellCoef, scale: this.cellScale, empty: this.cellEmpty };
  }

  cells(r: number): CellNode[] {
    const from = this.cellFrom[r]!;
    const to = this.cellsTo(r);
    const out = new Array<CellNode>(to - from);
    for (let c = from; c < to; c++) {
      const start = this.cellStart[c]!;
      const end = this.cellEnd[c]!;
      out[c - from] = { start, end, text: this.text.slice(start, end), kind: this.cellEmpty[c] === 1 ? 'empty' : 'number' };
    }
    return out;
  }

  /** The index of row `r`'s first part, or -1. */
  firstChildOf(r: number): number {
    return this.firstChild[r]! - 1;
  }

  /** The index of the last row under row `r` (its last part's last part …), or `r` itself. */
  lastDescendantOf(r: number): number {
    for (let c = this.lastChild[r]!; c !== 0; c = this.lastChild[r]!) r = c - 1;
    return r;
  }

  /** The index of the part after row `r` under the same row, or -1. */
  nextSiblingOf(r: number): number {
    return this.nextSibling[r]! - 1;
  }

  children(r: number): readonly RowNode[] {
    let c = this.firstChild[r]!;
    if (c === 0) return NO_ROWS;
    const out: Row[] = [];
    for (; c !== 0; c = this.nextSibling[c - 1]!) out.push(this.view(c - 1));
    return out;
  }
}

/** A row of a `RowStore`: see the module comment. */
export class Row implements RowNode {
  readonly #store: RowStore;
  readonly #index: number;

  constructor(store: RowStore, index: number) {
    this.#store = store;
    this.#index = index;
  }

  get store(): RowStore {
    return this.#store;
  }

  get index(): number {
    return this.#index;
  }

  get kind(): 'row' {
    return 'row';
  }

  get start(): number {
    return this.#store.start(this.#index);
  }

  get end(): number {
    return this.#store.endOf(this.#index);
  }

  get name(): Word {
    return this.#store.name(this.#index);
  }

  get breakdown(): boolean {
    return this.#store.breakdown(this.#index);
  }

  get broken(): boolean {
    return this.#store.broken(this.#index);
  }

  get misplaced(): boolean {
    return this.#store.misplaced(this.#index);
  }

  get group(): boolean {
    return this.#store.group(this.#index);
  }

  get textCells(): readonly Word[] {
    return this.#store.textCells(this.#index);
  }

  get cells(): readonly CellNode[] {
    return this.#store.cells(this.#index);
  }

  get textCellCount(): number {
    return this.#store.textCellCount(this.#index);
  }

  get cellCount(): number {
    return this.#store.cellCountOf(this.#index);
  }

  get children(): readonly RowNode[] {
    return this.#store.children(this.#index);
  }

  toJSON(): RowNode {
    return {
      kind: 'row',
      start: this.start,
      end: this.end,
      name: this.name,
      breakdown: this.breakdown,
      textCells: this.textCells,
      cells: this.cells,
      textCellCount: this.textCellCount,
      cellCount: this.cellCount,
      children: this.children,
      broken: this.broken,
      misplaced: this.misplaced,
      group: this.group,
    };
  }
}
