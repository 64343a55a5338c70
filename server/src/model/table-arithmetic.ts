/**
 * Table arithmetic: the one answer to "which rows are a row's parts", "what do they add up
 * to", "what is the table's total" and "what does a formula column give on a row". The
 * checks, body references, per-recipient copies, the renderers and the editor features all
 * ask here.
 *
 * The rules (docs/language.md, 分配表):
 * - A row's parts are the rows indented under it except `其中` rows, which are a partial
 *   breakdown ("of which") of the row and never count in its sum (`breakdownOf` lists them).
 *   A group row among them (`RowModel.group`: a name over rows, no numbers) is looked
 *   through: its parts stand in its place, at any depth.
 * - A row with parts is their total, column by column; an empty cell (`-`) counts as zero. A
 *   group row is no total: it is never checked, and its figure (`rowFigures`, for references
 *   and per-recipient copies) is the sum of its parts, computed, never printed.
 * - The table's total is its total row (its one top-level row that is not a `其中` row, when
 *   it has exactly one), else the sum of its top-level rows (a table of several regions
 *   without a 合计 row), group rows looked through.
 * - A column whose unit is a rate (`单位：%`, `元/人`: `ColumnUnit`) is not summed: a total's
 *   cell there is its own figure, never the sum of its parts' (`sumsColumn`). Every other
 *   column, money and counts (`单位：人`), is.
 * - A relation's value on a row (a column's formula, or a table's `核对` line) is its formula
 *   over that row's own cells, totals included (a total's formula cell is its formula's value,
 *   not the sum of its parts' formula cells), empty cells counting as zero, exact, and rounded
 *   once (half away from zero) when the relation states a rounding. Without one, a formula
 *   that multiplies or divides is compared at the decimals its cell is written with (a table
 *   prints a quotient rounded): the cell holds when it is the exact value so rounded.
 * - Broken rows (`valid` false: the line did not read cleanly, or has the wrong number of
 *   cells): a total can be checked (`checkable`) only when it and every one of its parts are
 *   valid, so a broken part leaves its total unchecked (the part's own diagnostic says why);
 *   a broken `其中` row does not matter to its parent's sum. A sum over rows is still computed
 *   from whatever cells were read (the hover shows it). The table's total is unknown when a
 *   top-level row is broken.
 *
 * Exact `Decimal` arithmetic throughout. The checks ask on every row of a national table
 * (10⁵ rows), so those questions have forms that allocate nothing: counts and validity read
 * without making lists, and "does this total hold" as Σ parts − total = 0 in a reused
 * `DecimalSum`; values and lists are made only for a row that does not hold.
 */
import { Decimal, DecimalSum } from './decimal.js';
import { columnsIn, evaluate, evaluateRounded, linearTerms, multiplies, type Term } from './formula.js';
import { writtenDecimals } from './number-display.js';
import type { ColumnModel, Relation, RowModel, TableModel } from './types.js';

// ---- columns ----

/** Totals sum the column: every column but a rate (`单位：%`, `单位：元/人`). */
export function sumsColumn(column: ColumnModel): boolean {
  return column.unit?.kind !== 'rate';
}

/** The column holds amounts in the table's unit (not a rate or a count with a unit of its own). */
export function isMoney(column: ColumnModel): boolean {
  return !column.isText && column.unit === undefined;
}

// ---- parts ----

/**
 * The row counts in its parent's total (and, at the top, in the table's): it is not a `其中`
 * row. A group row counts through its parts.
 */
export function isPart(row: RowModel): boolean {
  return !row.breakdown;
}

/**
 * The rows whose sum a row is: its children that are not `其中` rows, each group row among
 * them replaced by its own parts (at any depth). For a group row, the rows its figure sums.
 */
export function partsOf(row: RowModel): RowModel[] {
  const out: RowModel[] = [];
  collectParts(row.children, out);
  return out;
}

function collectParts(rows: readonly RowModel[], out: RowModel[]): void {
  for (let k = 0; k < rows.length; k++) {
    const c = rows[k]!;
    if (c.breakdown) continue;
    if (c.group) collectParts(c.children, out);
    else out.push(c);
  }
}

/** The row has parts (checked without making the list): a total, or a group row. */
export function hasParts(row: RowModel): boolean {
  const children = row.children;
  for (let k = 0; k < children.length; k++) if (!children[k]!.breakdown) return true;
  return false;
}

/** The row is the total of its parts: it has parts and is not a group row. */
export function isTotal(row: RowModel): boolean {
  return !row.group && hasParts(row);
}

/** The row's `其中` rows: a partial breakdown, not counted in its sum. */
export function breakdownOf(row: RowModel): RowModel[] {
  return row.children.filter((c) => c.breakdown);
}

/** The row has `其中` rows (checked without making the list). */
export function hasBreakdown(row: RowModel): boolean {
  const children = row.children;
  for (let k = 0; k < children.length; k++) if (children[k]!.breakdown) return true;
  return false;
}

/**
 * The row is a total whose numbers and whose parts' numbers can be trusted: the sum can be
 * checked. A group row never is (it states no numbers).
 */
export function checkable(row: RowModel): boolean {
  if (row.group || !row.valid || row.table.unsure?.has(row)) return false;
  return partsValid(row.children) > 0;
}

/** How many parts `rows` hold (group rows looked through), or -1 when one of them is not valid. */
function partsValid(rows: readonly RowModel[]): number {
  let parts = 0;
  for (let k = 0; k < rows.length; k++) {
    const c = rows[k]!;
    if (c.breakdown) continue;
    if (!c.valid) return -1;
    if (c.group) {
      const inner = partsValid(c.children);
      if (inner < 0) return -1;
      parts += inner;
    } else parts++;
  }
  return parts;
}

// ---- sums ----

/** Σ of the rows' values in column `index`, empty cells counting as zero. */
export function sumOfRows(rows: readonly RowModel[], index: number): Decimal {
  const sum = new DecimalSum();
  for (let k = 0; k < rows.length; k++) rows[k]!.addValueTo(sum, index);
  return sum.value;
}

/** Σ of values, empty cells (null) counting as zero. */
export function sumOfValues(values: readonly (Decimal | null)[]): Decimal {
  const sum = new DecimalSum();
  for (const v of values) if (v) sum.add(v);
  return sum.value;
}

/** The sum of a row's parts in column `index`. */
export function sumOfParts(row: RowModel, index: number): Decimal {
  const sum = new DecimalSum();
  addPartsTo(sum, row, index);
  return sum.value;
}

/** Adds (or, `negate`, subtracts) the values of a row's parts in column `index` to `sum`, group rows looked through. */
function addPartsTo(sum: DecimalSum, row: RowModel, index: number, negate = false): void {
  const children = row.children;
  for (let k = 0; k < children.length; k++) {
    const c = children[k]!;
    if (c.breakdown) continue;
    if (c.group) addPartsTo(sum, c, index, negate);
    else c.addValueTo(sum, index, negate);
  }
}

/** The row's value in column `index` less the sum of its parts (an empty cell is zero). */
export function totalDifference(row: RowModel, index: number): Decimal {
  const sum = new DecimalSum();
  row.addValueTo(sum, index);
  addPartsTo(sum, row, index, true);
  return sum.value;
}

/**
 * The row equals the sum of its parts in column `index`, tested as Σ parts − row = 0 in
 * `scratch` (reset here, reused by the caller across rows): nothing is made for a total that
 * holds.
 */
export function totalHolds(row: RowModel, index: number, scratch: DecimalSum): boolean {
  scratch.reset();
  addPartsTo(scratch, row, index);
  row.addValueTo(scratch, index, true);
  return scratch.isZero();
}

/**
 * Why setting a total to the sum of its parts (in column `index`) could overwrite a correct
 * figure: a total that disagrees with its parts is the wrong figure only if its parts are
 * right. Undefined when nothing speaks against the parts. Otherwise:
 * - `part`: a part that is itself a total and does not add up in this column, or that breaks a
 *   relation of the table involving this column (`formulas`): the fault may be that part's
 *   figure, which would explain both;
 * - `prefix`: the first `count` parts add up to the total exactly: the parts after them are
 *   likely the rows of another total whose line was deleted (so they fell under this one);
 * - `corroborated`: the total above it adds up with this total's figure: two figures agree
 *   with it, so the wrong one is more likely among its parts.
 */
export type UnsoundParts =
  | { readonly kind: 'part'; readonly part: RowModel; readonly relation?: Relation }
  | { readonly kind: 'prefix'; readonly count: number }
  | { readonly kind: 'corroborated'; readonly by: RowModel };

export function unsoundParts(row: RowModel, index: number, formulas: readonly ColumnFormula[], scratch: DecimalSum): UnsoundParts | undefined {
  const parts = partsOf(row);
  for (const p of parts) {
    if (hasParts(p) && !p.group && !totalHolds(p, index, scratch)) return { kind: 'part', part: p };
    for (const f of formulas) {
      if (!f.involves(index) || !f.appliesTo(p)) continue;
      if (!f.holds(p, scratch)) return { kind: 'part', part: p, relation: f.relation };
    }
  }
  const total = row.valueAt(index) ?? Decimal.ZERO;
  scratch.reset();
  for (let k = 0; k < parts.length - 1; k++) {
    parts[k]!.addValueTo(scratch, index);
    if (scratch.value.eq(total)) return { kind: 'prefix', count: k + 1 };
  }
  let above = row.parent;
  while (above?.group) above = above.parent;
  if (above && !row.breakdown && checkable(above) && totalHolds(above, index, scratch)) return { kind: 'corroborated', by: above };
  return undefined;
}

// ---- the table's total ----

/** The top-level rows that make up the table's total (not `其中` rows). */
export function topRows(t: TableModel): RowModel[] {
  return t.rows.filter(isPart);
}

/** The table's total row: its one top-level row that is not a `其中` row, when it has exactly one. */
export function totalRow(t: TableModel): RowModel | undefined {
  const top = topRows(t);
  return top.length === 1 ? top[0] : undefined;
}

/**
 * The rows whose values make up the table's total: its top-level rows that are not `其中`
 * rows, each group row among them replaced by its parts. Undefined when there are none, or one
 * of them (or a group row looked through) is broken or placed by a guess (`RowNode.misplaced`).
 */
function totalRows(t: TableModel): RowModel[] | undefined {
  const top = topRows(t);
  if (top.length === 0 || !trusted(top)) return undefined;
  const out: RowModel[] = [];
  collectParts(top, out);
  return out;
}

/** Every row of `rows`, and every part of a group row among them, is valid and placed as written. */
function trusted(rows: readonly RowModel[]): boolean {
  for (const r of rows) {
    if (r.breakdown) continue;
    if (!r.valid || r.misplaced) return false;
    if (r.group && !trusted(r.children)) return false;
  }
  return true;
}

/**
 * The table's total in column `index`: its total row's value (an empty cell is zero), else the
 * sum of its top-level rows (group rows by their parts). Undefined when it has no rows, or a
 * top-level row is broken or placed by a guess (`RowNode.misplaced`), or the column is not
 * summed and the table has no total row.
 */
export function tableTotal(t: TableModel, index: number): Decimal | undefined {
  const rows = totalRows(t);
  if (!rows) return undefined;
  if (rows.length > 1 && !sumsColumn(t.numeric[index]!)) return undefined;
  return sumOfRows(rows, index);
}

/** `tableTotal` of every numeric column, by column index; undefined as there. */
export function tableTotals(t: TableModel): Decimal[] | undefined {
  const rows = totalRows(t);
  return rows && t.numeric.map((_, i) => sumOfRows(rows, i));
}

/**
 * A row's figures, one per numeric column, as a reference or a per-recipient copy reads them:
 * its own cells; for a group row, the sums of its parts (computed: the table prints none).
 * Undefined when they cannot be trusted (the row, or a part of a group row, is broken or
 * placed by a guess).
 */
export function rowFigures(row: RowModel): (Decimal | null)[] | undefined {
  if (!row.valid) return undefined;
  if (!row.group) return row.values;
  if (row.misplaced || !trusted(row.children)) return undefined;
  const parts = partsOf(row);
  return row.table.numeric.map((_, i) => sumOfRows(parts, i));
}

// ---- relations ----

/** A relation's arithmetic (a column's formula, or a `核对` line), read once and asked on every row. */
export class ColumnFormula {
  readonly column: ColumnModel;
  readonly expr: Relation['expr'];
  /** The formula as a sum of columns (`全年 - 已下达`) with no rounding, when it is one: it is then checked by adding. */
  readonly terms: readonly Term[] | undefined;
  /** Without a stated rounding, the formula's value may have more decimals than its cell: see `expected`. */
  private readonly atCellDecimals: boolean;
  /** The relation holds on total rows too: see `appliesTo`. */
  private readonly onTotals: boolean;

  constructor(readonly relation: Relation) {
    this.column = relation.column;
    this.expr = relation.expr;
    this.terms = relation.rounding ? undefined : linearTerms(relation.expr);
    this.atCellDecimals = !relation.rounding && multiplies(relation.expr);
    const numeric = relation.table.numeric;
    this.onTotals = !sumsColumn(relation.column) || columnsIn(relation.expr).every((i) => sumsColumn(numeric[i]!));
  }

  /**
   * The relation holds on this row. It does on every row, totals included, except that a
   * summed column computed from a rate (`金额 = 人数 × 标准 / 10000`, 标准 `单位：元/人`) is, on
   * a total, the sum of its parts: a rate is not summed, so the total's rate cell (blank, or
   * an average) gives nothing to compute from.
   */
  appliesTo(row: RowModel): boolean {
    return this.onTotals || !hasParts(row);
  }

  /**
   * The relation's value on the row's cells (empty cells zero): exact, rounded as the relation
   * states; undefined on division by zero. A quotient that does not terminate and is not
   * rounded is given to 10 decimals.
   */
  value(row: RowModel | readonly (Decimal | null)[]): Decimal | undefined {
    const r = this.relation.rounding;
    return r ? evaluateRounded(this.expr, row, r.places) : evaluate(this.expr, row);
  }

  /**
   * The value the row's cell must hold: `value`, or, for a formula that multiplies or divides
   * and states no rounding, its exact value rounded once (half away from zero) to the
   * decimals the cell is written with.
   */
  expected(row: RowModel): Decimal | undefined {
    if (!this.atCellDecimals) return this.value(row);
    const places = writtenDecimals(row.node.cells[this.column.index!]?.text ?? '');
    return evaluateRounded(this.expr, row, places);
  }

  /**
   * The relation holds on the row, known without making a value: a sum of columns tested as
   * Σ terms − cell = 0 in `scratch` (reset here, reused across rows). False means "not known
   * so": ask `expected` (always, for a formula that is not a sum of columns).
   */
  holdsBySum(row: RowModel, scratch: DecimalSum): boolean {
    const terms = this.terms;
    if (!terms) return false;
    scratch.reset();
    for (let k = 0; k < terms.length; k++) row.addValueTo(scratch, terms[k]!.column, terms[k]!.negate);
    row.addValueTo(scratch, this.column.index!, true);
    return scratch.isZero();
  }

  /** The relation reads or gives column `index`. */
  involves(index: number): boolean {
    return this.column.index === index || columnsIn(this.expr).includes(index);
  }

  /** The relation holds on the row: its cell is `expected` (an empty cell is zero). */
  holds(row: RowModel, scratch: DecimalSum): boolean {
    if (this.holdsBySum(row, scratch)) return true;
    const computed = this.expected(row);
    return !computed || (row.valueAt(this.column.index!) ?? Decimal.ZERO).eq(computed);
  }
}

/** The arithmetic of a relation. */
export function relationFormula(relation: Relation): ColumnFormula {
  return new ColumnFormula(relation);
}

/** The column's own formula's arithmetic, when it has a readable formula. */
export function columnFormula(column: ColumnModel): ColumnFormula | undefined {
  return column.relation ? new ColumnFormula(column.relation) : undefined;
}

/** The relations that give the column's cells: its own formula, then the `核对` lines for it. */
export function relationsOf(t: TableModel, column: ColumnModel): Relation[] {
  return t.relations.filter((r) => r.column === column);
}

/** The value of the column's formula on a row (exact, rounded as it states; undefined without a formula or on division by zero). */
export function formulaValue(row: RowModel, column: ColumnModel): Decimal | undefined {
  return column.relation ? relationValue(row, column.relation) : undefined;
}

/** The value of a relation on a row (exact, rounded as it states; undefined on division by zero). */
export function relationValue(row: RowModel, relation: Relation): Decimal | undefined {
  return new ColumnFormula(relation).value(row);
}

// ---- the values a spreadsheet computes ----

/**
 * Every row's values as the table's arithmetic computes them (a workbook's cached values):
 * a total's cells (and a group row's figures) are the sums of its parts' computed cells (in
 * the columns totals sum),
 * formula columns are their printed formulas over the row's computed cells, rounded as they
 * state, and everything else is the source's value (a `核对` relation is checked, never
 * computed). Equal to the source wherever the source is right.
 */
export function computedValues(t: TableModel): Map<RowModel, (Decimal | null)[]> {
  return workbookValues(t).values;
}

/**
 * `computedValues`, for a table accepted within a tolerance (`容差`): where a computed cell
 * differs from the source by no more than `within`, the cell keeps the source's value and the
 * difference is its `adjustment` (a workbook writes it into the cell's formula, `SUM(…)+0.5`,
 * so that it shows the printed figure and still follows an edit of its parts); the totals
 * above it add the kept value. A difference beyond `within` is computed as `computedValues` does.
 */
export function workbookValues(t: TableModel, within?: Decimal): { values: Map<RowModel, (Decimal | null)[]>; adjustments: Map<RowModel, (Decimal | null)[]> } {
  const out = new Map<RowModel, (Decimal | null)[]>();
  const adjustments = new Map<RowModel, (Decimal | null)[]>();
  const formulaCols = t.numeric.filter((c) => c.relation);
  const formulas = formulaCols.map((c) => new ColumnFormula(c.relation!));
  const keep = (r: RowModel, v: (Decimal | null)[], index: number): void => {
    const source = r.valueAt(index);
    const computed = v[index];
    if (!within || !source || !computed || source.eq(computed) || source.sub(computed).abs().cmp(within) > 0) return;
    let adj = adjustments.get(r);
    if (!adj) adjustments.set(r, (adj = new Array<Decimal | null>(v.length).fill(null)));
    adj[index] = source.sub(computed);
    v[index] = source;
  };
  const compute = (r: RowModel): (Decimal | null)[] => {
    const done = out.get(r);
    if (done) return done;
    const parts = partsOf(r);
    const partValues = parts.map(compute);
    for (const c of r.children) compute(c);
    const v = r.values.slice();
    const applying = formulas.filter((f) => f.appliesTo(r));
    if (parts.length > 0) {
      for (const c of t.numeric) {
        if (!sumsColumn(c) || applying.some((f) => f.column === c)) continue;
        v[c.index!] = sumOfValues(partValues.map((p) => p[c.index!] ?? null));
        keep(r, v, c.index!);
      }
    }
    // Formula columns may depend on each other: settle them in as many passes as there are.
    for (let pass = 0; pass < applying.length; pass++) {
      for (const f of applying) v[f.column.index!] = f.value(v) ?? null;
    }
    for (const f of applying) keep(r, v, f.column.index!);
    out.set(r, v);
    return v;
  };
  for (const r of t.allRows) compute(r);
  return { values: out, adjustments };
}
