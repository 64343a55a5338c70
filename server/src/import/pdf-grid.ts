/**
 * The ruled tables of a PDF page: the horizontal and vertical rules its drawing operators
 * paint (stroked lines, and the thin filled rectangles Word and Chromium draw borders with),
 * grouped into grids of touching rules. A grid's cells are the rectangles between its rules;
 * two neighbouring rectangles are one merged cell where no rule separates them. Each text item
 * belongs to the cell that holds its middle, so a name wrapped over three lines, or printed in
 * the middle of a cell merged over five rows, is read as the one cell it is.
 *
 * Pure geometry: the operator list and the text items come from pdfjs-dist in pdf.ts.
 */

/** A rule: horizontal (y0 = y1) or vertical (x0 = x1), in page space (y upwards). */
interface Rule {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** The operator codes the reader needs (pdfjs's `OPS`). */
export interface OpCodes {
  readonly save: number;
  readonly restore: number;
  readonly transform: number;
  readonly constructPath: number;
  readonly paintFormXObjectBegin: number;
  readonly paintFormXObjectEnd: number;
  readonly stroke: number;
  readonly closeStroke: number;
  readonly fill: number;
  readonly eoFill: number;
  readonly fillStroke: number;
  readonly eoFillStroke: number;
  readonly closeFillStroke: number;
  readonly closeEOFillStroke: number;
}

type Matrix = readonly [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(m: Matrix, n: Matrix): Matrix {
  // The matrix n applied first, then m (PDF's `cm` pre-multiplies the current matrix).
  return [n[0] * m[0] + n[1] * m[2], n[0] * m[1] + n[1] * m[3], n[2] * m[0] + n[3] * m[2], n[2] * m[1] + n[3] * m[3], n[4] * m[0] + n[5] * m[2] + m[4], n[4] * m[1] + n[5] * m[3] + m[5]];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** How far two coordinates may differ and still be one rule or one line of the grid (points). */
const NEAR = 1.5;
/** A filled rectangle at most this thick is a rule. */
const THIN = 2.5;

/** The rules a page's operator list paints. */
export function rulesOf(fnArray: ArrayLike<number>, argsArray: ArrayLike<unknown>, ops: OpCodes): Rule[] {
  const rules: Rule[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  const strokes = new Set([ops.stroke, ops.closeStroke, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const fills = new Set([ops.fill, ops.eoFill, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    const args = argsArray[i] as unknown[] | null;
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === ops.transform && args) ctm = multiply(ctm, args as unknown as Matrix);
    else if (fn === ops.paintFormXObjectBegin && args) {
      stack.push(ctm);
      const m = args[0] as Matrix | null;
      if (Array.isArray(m) || ArrayBuffer.isView(m)) ctm = multiply(ctm, Array.from(m as ArrayLike<number>) as unknown as Matrix);
    } else if (fn === ops.paintFormXObjectEnd) ctm = stack.pop() ?? IDENTITY;
    else if (fn === ops.constructPath && args) {
      const draw = args[0] as number;
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (!data || !(strokes.has(draw) || fills.has(draw))) continue;
      for (const sub of subpaths(data)) {
        const pts = sub.map(([x, y]) => apply(ctm, x, y));
        if (strokes.has(draw)) {
          for (let k = 1; k < pts.length; k++) pushRule(rules, pts[k - 1]!, pts[k]!);
        }
        if (fills.has(draw)) thinRectangle(rules, pts);
      }
    }
  }
  return rules;
}

/** The path's subpaths as lists of points (curves by their end points: a rule is never a curve). */
function subpaths(data: ArrayLike<number>): [number, number][][] {
  const out: [number, number][][] = [];
  let cur: [number, number][] = [];
  let i = 0;
  while (i < data.length) {
    const op = data[i]!;
    if (op === 0) {
      if (cur.length > 0) out.push(cur);
      cur = [[data[i + 1]!, data[i + 2]!]];
      i += 3;
    } else if (op === 1) {
      cur.push([data[i + 1]!, data[i + 2]!]);
      i += 3;
    } else if (op === 2) {
      cur.push([data[i + 5]!, data[i + 6]!]);
      i += 7;
    } else if (op === 3) {
      cur.push([data[i + 3]!, data[i + 4]!]);
      i += 5;
    } else {
      // closePath
      if (cur.length > 1) cur.push(cur[0]!);
      i += 1;
    }
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

function pushRule(rules: Rule[], a: readonly [number, number], b: readonly [number, number]): void {
  if (Math.abs(a[1] - b[1]) < 0.5 && Math.abs(a[0] - b[0]) > NEAR) rules.push({ x0: Math.min(a[0], b[0]), x1: Math.max(a[0], b[0]), y0: a[1], y1: a[1] });
  else if (Math.abs(a[0] - b[0]) < 0.5 && Math.abs(a[1] - b[1]) > NEAR) rules.push({ x0: a[0], x1: a[0], y0: Math.min(a[1], b[1]), y1: Math.max(a[1], b[1]) });
}

/** A filled axis-aligned rectangle that is thin in one direction is a rule along its middle. */
function thinRectangle(rules: Rule[], pts: readonly [number, number][]): void {
  if (pts.length < 4 || pts.length > 5) return;
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const y0 = Math.min(...ys);
  const y1 = Math.max(...ys);
  // Axis-aligned: every corner on the bounding box.
  if (!pts.every(([x, y]) => (Math.abs(x - x0) < 0.1 || Math.abs(x - x1) < 0.1) && (Math.abs(y - y0) < 0.1 || Math.abs(y - y1) < 0.1))) return;
  const w = x1 - x0;
  const h = y1 - y0;
  if (h <= THIN && w > h * 3) rules.push({ x0, x1, y0: (y0 + y1) / 2, y1: (y0 + y1) / 2 });
  else if (w <= THIN && h > w * 3) rules.push({ x0: (x0 + x1) / 2, x1: (x0 + x1) / 2, y0, y1 });
}

/** A cell of a grid: its rectangle, and where it sits among the grid's columns and rows. */
export interface GridCell {
  readonly row: number;
  readonly col: number;
  readonly rowSpan: number;
  readonly colSpan: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export interface Grid {
  /** Column boundaries, left to right. */
  readonly xs: readonly number[];
  /** Row boundaries, top to bottom (y decreasing). */
  readonly ys: readonly number[];
  readonly cells: readonly GridCell[];
  /** For each row and column of the grid, the index in `cells` of the cell that covers it. */
  readonly at: readonly (readonly number[])[];
}

/** The grids the rules make: groups of touching rules with at least two rows and two columns. */
export function gridsOf(rules: readonly Rule[]): Grid[] {
  const parent = rules.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const h = rules.map((r, i) => ({ r, i })).filter(({ r }) => r.y0 === r.y1);
  const v = rules.map((r, i) => ({ r, i })).filter(({ r }) => r.x0 === r.x1);
  // Rules touch where a horizontal one crosses or meets a vertical one; collinear overlapping rules touch too.
  for (const a of h) {
    for (const b of v) {
      if (b.r.x0 >= a.r.x0 - NEAR && b.r.x0 <= a.r.x1 + NEAR && a.r.y0 >= b.r.y0 - NEAR && a.r.y0 <= b.r.y1 + NEAR) parent[find(a.i)] = find(b.i);
    }
  }
  const groups = new Map<number, Rule[]>();
  rules.forEach((r, i) => {
    const g = find(i);
    const list = groups.get(g);
    if (list) list.push(r);
    else groups.set(g, [r]);
  });
  const out: Grid[] = [];
  for (const g of groups.values()) {
    const grid = gridOf(g);
    if (grid) out.push(grid);
  }
  // Top of the page first.
  return out.sort((a, b) => b.ys[0]! - a.ys[0]!);
}

/** Values within NEAR of each other as one (their mean), sorted. */
function clusters(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const x of sorted) {
    const last = out[out.length - 1];
    if (last && x - last[last.length - 1]! <= NEAR) last.push(x);
    else out.push([x]);
  }
  return out.map((c) => c.reduce((s, x) => s + x, 0) / c.length);
}

function gridOf(rules: readonly Rule[]): Grid | undefined {
  const hs = rules.filter((r) => r.y0 === r.y1);
  const vs = rules.filter((r) => r.x0 === r.x1);
  if (hs.length === 0 || vs.length === 0) return undefined;
  // The outline is where the rules end, also where one of its edges is not drawn (Chromium leaves
  // out the top border of a heading row it repeats on a new page).
  const xs = clusters([...vs.map((r) => r.x0), Math.min(...hs.map((r) => r.x0)), Math.max(...hs.map((r) => r.x1))]);
  const ys = clusters([...hs.map((r) => r.y0), Math.min(...vs.map((r) => r.y0)), Math.max(...vs.map((r) => r.y1))]).reverse();
  if (xs.length < 3 || ys.length < 3) return undefined;
  // Is the boundary at x (vertical) drawn over [y0, y1]'s middle, or at y (horizontal) over [x0, x1]'s middle?
  const vertical = (x: number, top: number, bottom: number): boolean => {
    const mid = (top + bottom) / 2;
    return vs.some((r) => Math.abs(r.x0 - x) <= NEAR && r.y0 - NEAR <= mid && r.y1 + NEAR >= mid);
  };
  const horizontal = (y: number, left: number, right: number): boolean => {
    const mid = (left + right) / 2;
    return hs.some((r) => Math.abs(r.y0 - y) <= NEAR && r.x0 - NEAR <= mid && r.x1 + NEAR >= mid);
  };
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  const at: number[][] = Array.from({ length: rows }, () => Array.from({ length: cols }, () => -1));
  const cells: GridCell[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (at[r]![c]! >= 0) continue;
      // The cell that starts here: right while no rule separates, then down while no rule separates its whole width.
      let c2 = c;
      while (c2 + 1 < cols && at[r]![c2 + 1]! < 0 && !vertical(xs[c2 + 1]!, ys[r]!, ys[r + 1]!)) c2++;
      let r2 = r;
      const open = (rr: number): boolean => {
        for (let k = c; k <= c2; k++) if (at[rr + 1]![k]! >= 0 || horizontal(ys[rr + 1]!, xs[k]!, xs[k + 1]!)) return false;
        return true;
      };
      while (r2 + 1 < rows && open(r2)) r2++;
      const index = cells.length;
      cells.push({ row: r, col: c, rowSpan: r2 - r + 1, colSpan: c2 - c + 1, left: xs[c]!, right: xs[c2 + 1]!, top: ys[r]!, bottom: ys[r2 + 1]! });
      for (let rr = r; rr <= r2; rr++) for (let k = c; k <= c2; k++) at[rr]![k] = index;
    }
  }
  return { xs, ys, cells, at };
}

/** The index of the cell of the grid that holds the point, or -1. */
export function cellAt(grid: Grid, x: number, y: number): number {
  const { xs, ys } = grid;
  if (x < xs[0]! || x > xs[xs.length - 1]! || y > ys[0]! || y < ys[ys.length - 1]!) return -1;
  let c = 0;
  while (c + 2 < xs.length && x > xs[c + 1]!) c++;
  let r = 0;
  while (r + 2 < ys.length && y < ys[r + 1]!) r++;
  return grid.at[r]![c]!;
}

