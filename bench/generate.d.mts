/** Types for bench/generate.mjs (national-scale notices for the benchmark and tests). */
export interface GeneratedNotice {
  /** The notice text: one notice and one allocation table of `rows` rows. */
  readonly text: string;
  /** The same rows as JSON: `[[depth, name, 类别, 全年中央, 全年省级, 已下达, 本次], …]`. */
  readonly json: string;
  /** Table rows written (the 全国合计 row included). */
  readonly rows: number;
  /** The 本次 total, as written in the notice's `金额`. */
  readonly total: string;
}

/** A notice with exactly `rows` table rows; the same `rows` and `seed` give the same text. */
export function generate(rows: number, seed?: number): GeneratedNotice;
