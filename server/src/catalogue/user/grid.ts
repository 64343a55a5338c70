/** A sheet as plain text cells: what the layout detection reads, whatever the file format. */
export interface Grid {
  /** Sheet name (XLSX) or the file name (CSV). */
  readonly name: string;
  /** rows[i] is spreadsheet row i + 1 (CSV: the record starting on line `lines[i]`); a hole or '' = empty. Cells are raw text. */
  readonly rows: readonly (readonly string[] | undefined)[];
  /** For CSV: the 1-based line each record starts on (records may span lines). Absent = row index + 1. */
  readonly lines?: readonly number[];
}

/** `A1:C2` → 0-based [row, col] corners. */
export function parseRange(ref: string): { r1: number; c1: number; r2: number; c2: number } | undefined {
  const [a, b] = ref.split(':');
  const p = a ? parseCellRef(a) : undefined;
  const q = b ? parseCellRef(b) : p;
  if (!p || !q) return undefined;
  return { r1: Math.min(p.r, q.r), c1: Math.min(p.c, q.c), r2: Math.max(p.r, q.r), c2: Math.max(p.c, q.c) };
}

/** `B3` → { r: 2, c: 1 } (0-based). */
export function parseCellRef(ref: string): { r: number; c: number } | undefined {
  let c = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const ch = ref.charCodeAt(i);
    if (ch >= 65 && ch <= 90) c = c * 26 + (ch - 64);
    else if (ch >= 97 && ch <= 122) c = c * 26 + (ch - 96);
    else if (ch === 36) continue; // $
    else break;
  }
  const r = Number(ref.slice(i).replace(/\$/g, ''));
  if (c === 0 || !Number.isInteger(r) || r < 1) return undefined;
  return { r: r - 1, c: c - 1 };
}

/** Fills every cell of a merged range with the value of its top-left cell. */
export function applyMerges(rows: string[][], merges: readonly string[]): void {
  for (const m of merges) {
    const range = parseRange(m);
    if (!range) continue;
    // A merge running down a whole column (e.g. a classification merged over 5,000 rows) is fine; cap absurd ones.
    if ((range.r2 - range.r1 + 1) * (range.c2 - range.c1 + 1) > 1_000_000) continue;
    const v = rows[range.r1]?.[range.c1] ?? '';
    if (v === '') continue;
    for (let r = range.r1; r <= range.r2; r++) {
      const row = (rows[r] ??= []);
      for (let c = range.c1; c <= range.c2; c++) {
        if (r === range.r1 && c === range.c1) continue;
        if ((row[c] ?? '') === '') row[c] = v;
      }
    }
  }
  // Holes left by sparse assignment become '' within the rows that exist; missing rows stay
  // holes (a stray cell at row 1,048,576 must not make a million empty rows).
  for (const row of rows) {
    if (!row) continue;
    for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = '';
  }
}

/** A number as a spreadsheet stores it, as text without a spurious `.0` or exponent: 2101301, `2101301.0`, `2.101301E6` → `2101301`. */
export function numberText(v: string | number): string {
  const n = typeof v === 'number' ? v : Number(v);
  if (typeof v === 'string' && !/[eE]/.test(v) && !/\.0+$/.test(v)) return v;
  if (!Number.isFinite(n)) return String(v);
  if (Number.isInteger(n)) return String(n);
  // 2101301.0000000002 (float noise) → 2101301
  const r = Math.round(n);
  if (Math.abs(n - r) < 1e-6) return String(r);
  return String(n);
}
