/**
 * The grid of a ruled PDF table, from operator lists built the way producers draw borders:
 * stroked lines (LibreOffice), thin filled rectangles under a scaling transform (Chromium), a
 * repeated heading row whose top border is not drawn. The PDF round trips (roundtrip.test.ts)
 * read real files; these pin the geometry.
 */
import { describe, expect, it } from 'vitest';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { cellAt, gridsOf, rulesOf, type Grid, type OpCodes } from '../../server/src/import/pdf-grid.js';

const codes = OPS as unknown as OpCodes;
const MOVE = 0;
const LINE = 1;
const CLOSE = 4;

/** An operator list: each entry one constructPath (pdfjs 5's form: draw op, [path data], bbox) or another op. */
function list(entries: [number, unknown][]): { fn: number[]; args: unknown[] } {
  return { fn: entries.map((e) => e[0]), args: entries.map((e) => e[1]) };
}
const stroke = (x0: number, y0: number, x1: number, y1: number): [number, unknown] => [OPS.constructPath, [OPS.stroke, [new Float32Array([MOVE, x0, y0, LINE, x1, y1])], null]];
const filled = (x: number, y: number, w: number, h: number): [number, unknown] => [
  OPS.constructPath,
  [OPS.fill, [new Float32Array([MOVE, x, y, LINE, x + w, y, LINE, x + w, y + h, LINE, x, y + h, CLOSE])], null],
];

/** Spans of every cell as `row,col rowSpan×colSpan`, in reading order. */
const shape = (g: Grid): string[] => g.cells.map((c) => `${c.row},${c.col} ${c.rowSpan}×${c.colSpan}`);

describe('the grid of a ruled table', () => {
  // Three columns (x 0, 100, 200, 300) and three rows (y 300, 280, 260, 240). Row 0's first two
  // columns are one cell (no rule at x 100 there); column 0's rows 1 and 2 are one cell (no
  // rule at y 260 under it).
  const strokes = [
    stroke(0, 300, 300, 300),
    stroke(0, 280, 300, 280),
    stroke(100, 260, 300, 260),
    stroke(0, 240, 300, 240),
    stroke(0, 240, 0, 300),
    stroke(100, 240, 100, 280),
    stroke(200, 240, 200, 300),
    stroke(300, 240, 300, 300),
  ];

  it('stroked rules give the cells, merged where no rule separates two rectangles', () => {
    const { fn, args } = list(strokes);
    const [grid, ...others] = gridsOf(rulesOf(fn, args, codes));
    expect(others).toEqual([]);
    expect(grid!.xs).toEqual([0, 100, 200, 300]);
    expect(grid!.ys).toEqual([300, 280, 260, 240]);
    expect(shape(grid!)).toEqual(['0,0 1×2', '0,2 1×1', '1,0 2×1', '1,1 1×1', '1,2 1×1', '2,1 1×1', '2,2 1×1']);
    // A name printed in the middle of the merged cell, between its two rows, is in that cell.
    expect(cellAt(grid!, 50, 262)).toBe(2);
    expect(cellAt(grid!, 150, 290)).toBe(0);
    expect(cellAt(grid!, 350, 290)).toBe(-1);
  });

  it('thin filled rectangles under a transform are the same rules (borders as Chromium prints them)', () => {
    // Everything drawn at twice the size, then scaled by one half; each rule 1 unit thick.
    const rects = [
      filled(0, 600, 600, 1),
      filled(0, 560, 600, 1),
      filled(200, 520, 400, 1),
      filled(0, 480, 600, 1),
      filled(0, 480, 1, 120),
      filled(200, 480, 1, 80),
      filled(400, 480, 1, 120),
      filled(600, 480, 1, 120),
      // A cell's background is not a rule.
      filled(0, 480, 600, 120),
    ];
    const { fn, args } = list([[OPS.save, null], [OPS.transform, [0.5, 0, 0, 0.5, 0, 0]], ...rects, [OPS.restore, null]]);
    const [grid] = gridsOf(rulesOf(fn, args, codes));
    expect(grid!.xs.map(Math.round)).toEqual([0, 100, 200, 300]);
    expect(grid!.ys.map(Math.round)).toEqual([300, 280, 260, 240]);
    expect(shape(grid!)).toEqual(['0,0 1×2', '0,2 1×1', '1,0 2×1', '1,1 1×1', '1,2 1×1', '2,1 1×1', '2,2 1×1']);
  });

  it('an outline edge that is not drawn is where the rules end (a heading row repeated on a new page)', () => {
    // No rule at y 300: the vertical rules reach up to it.
    const { fn, args } = list(strokes.slice(1));
    const [grid] = gridsOf(rulesOf(fn, args, codes));
    expect(grid!.ys).toEqual([300, 280, 260, 240]);
    expect(grid!.cells[0]).toMatchObject({ row: 0, col: 0, top: 300 });
  });

  it('a single box and rules that touch nothing are not tables', () => {
    const { fn, args } = list([stroke(0, 100, 50, 100), stroke(0, 50, 50, 50), stroke(0, 50, 0, 100), stroke(50, 50, 50, 100), stroke(300, 500, 400, 500)]);
    expect(gridsOf(rulesOf(fn, args, codes))).toEqual([]);
  });

  it('two tables on one page are two grids, the upper first', () => {
    const below = strokes.map(([op, a]) => {
      const [draw, [data]] = a as [number, [Float32Array]];
      const moved = Float32Array.from(data, (v, i) => (i % 3 === 2 ? v - 200 : v));
      return [op, [draw, [moved], null]] as [number, unknown];
    });
    const { fn, args } = list([...below, ...strokes]);
    const grids = gridsOf(rulesOf(fn, args, codes));
    expect(grids.map((g) => g.ys[0])).toEqual([300, 100]);
  });
});
