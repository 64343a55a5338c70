/**
 * How text and tables fit the GB/T 9704 type area, decided once for all three outputs: where a
 * title breaks (at word boundaries, in a 梯形 or 菱形 shape, §7.3.1), where a narrow column's
 * heading breaks (never inside a word), and how wide a table's columns are, on which page
 * orientation and at which type size (§8: a wide table goes on a landscape page; the type may go
 * down to 六号, never below), so that no amount is ever broken or hidden.
 *
 * Widths are estimates from the text's characters (`emWidth`, digits measured as the fonts
 * the outputs name set them); every estimate errs on the wide side.
 */
import { textWidth } from '../../../grammar/index.js';

/** Millimetres per point. */
export const MM_PER_PT = 25.4 / 72;

/** The width of text in ems: a CJK character is one, a Latin letter or digit half of one (ambiguous characters as CJK). */
export function emWidth(s: string): number {
  return textWidth(s, { ambiguousAsWide: true }) / 2;
}

/**
 * The width of a printed amount in ems. Digits are a little over half an em in the fonts the
 * outputs name and in their fallbacks (Times New Roman 0.50, Noto Serif CJK 0.55); separators
 * and the decimal point are narrower. Measured generously, since an amount must never wrap.
 */
export function numberEm(s: string): number {
  let w = 0;
  for (const ch of s) {
    if (ch >= '0' && ch <= '9') w += 0.56;
    else if (ch === ',' || ch === '.') w += 0.3;
    else if (ch === '-' || ch === '+') w += 0.38;
    else w += emWidth(ch);
  }
  return w;
}

const SEGMENTER: Intl.Segmenter | undefined = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'word' }) : undefined;

/** Characters a line must not start with (GB/T 15834 line-breaking rules: closing punctuation). */
const NO_START = /^[，。、；：？！）】》〉”’」』%‰,.;:?!)\]]/;
/** Characters a line must not end with (opening punctuation). */
const NO_END = /[（【《〈“‘「『([]$/;

/**
 * Text split into the pieces a line may break between: words (by the platform's Chinese word
 * segmenter), with a number kept with what follows it (`2023年`), punctuation with the word
 * it belongs to, and a bracketed run of ASCII (`[2022]90号`) kept whole.
 */
export function wordPieces(text: string): string[] {
  const raw = SEGMENTER ? [...SEGMENTER.segment(text)].map((s) => s.segment) : [...text];
  const out: string[] = [];
  for (const w of raw) {
    const prev = out[out.length - 1];
    if (prev !== undefined && (NO_START.test(w) || NO_END.test(prev) || /[0-9A-Za-z.％%]$/.test(prev) || /^\s+$/.test(w))) out[out.length - 1] = prev + w;
    else out.push(w);
  }
  return out;
}

/** The widest piece of `text` in ems: the narrowest a column can be without breaking a word of it. */
export function longestWord(text: string): number {
  let w = 0;
  for (const line of text.split('\n')) for (const p of wordPieces(line)) w = Math.max(w, emWidth(p.trim()));
  return w;
}

/** Lines of at most `maxEm` ems, filled greedily, broken only between words (a word wider than a line stands alone). */
export function breakWords(text: string, maxEm: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const p of wordPieces(para)) {
      if (line && emWidth(line + p) > maxEm + 1e-9) {
        out.push(line.trimEnd());
        line = p.trimStart();
      } else line += p;
    }
    out.push(line.trimEnd());
  }
  return out;
}

/**
 * A title in lines of at most `maxEm` ems, broken between words in a 梯形 (each line at least as
 * long as the one before, or each at most) or 菱形 (longest in the middle) shape, as GB/T 9704
 * §7.3.1 asks: of the breaks that fit, the one whose lines are most even in length and keep the
 * shape, never with a short word alone on the last line.
 */
export function titleLines(text: string, maxEm: number): string[] {
  const title = text.trim();
  if (emWidth(title) <= maxEm) return [title];
  const pieces = wordPieces(title);
  const widths = pieces.map(emWidth);
  const total = widths.reduce((a, b) => a + b, 0);
  const minLines = Math.ceil(total / maxEm);
  // A title of more than four lines has no shape to keep (and trying every break would take
  // too long): its lines are filled in turn.
  if (minLines > 4 || pieces.length > 60) return breakWords(title, maxEm);
  let best: { lines: string[]; score: number } | undefined;
  for (let n = minLines; n <= Math.min(minLines + 1, pieces.length) && !best; n++) {
    // Every way of cutting the pieces into n lines that fit (titles are a few dozen pieces).
    const cuts: number[] = [];
    const search = (from: number, left: number): void => {
      if (left === 1) {
        let w = 0;
        for (let i = from; i < pieces.length; i++) w += widths[i]!;
        if (w > maxEm + 1e-9) return;
        const bounds = [0, ...cuts, pieces.length];
        const raw = bounds.slice(1).map((end, i) => pieces.slice(bounds[i]!, end).join(''));
        const lines = raw.map((l) => l.trim());
        const score = shapeScore(lines.map(emWidth)) + breakScore(raw);
        if (!best || score < best.score) best = { lines, score };
        return;
      }
      let w = 0;
      for (let i = from; i < pieces.length - left + 1; i++) {
        w += widths[i]!;
        if (w > maxEm + 1e-9) break;
        cuts.push(i + 1);
        search(i + 1, left - 1);
        cuts.pop();
      }
    };
    search(0, n);
  }
  return best ? best.lines : breakWords(title, maxEm);
}

/**
 * Where the lines break, lower is better: at a space the title itself has (between two organs'
 * names) or before 关于 is where a reader pauses; after a function word (关于, 的, 和, 与, 及) a
 * line hangs.
 */
function breakScore(raw: readonly string[]): number {
  let score = 0;
  for (let i = 0; i < raw.length - 1; i++) {
    if (/\s$/.test(raw[i]!) || raw[i + 1]!.startsWith('关于')) score -= 8;
    if (/(关于|的|和|与|及|对)$/.test(raw[i]!.trim())) score += 8;
  }
  return score;
}

/** Lower is better: uneven lines cost, a shape that is neither 梯形 nor 菱形 costs more, a stub of a last line most. */
function shapeScore(w: readonly number[]): number {
  const mean = w.reduce((a, b) => a + b, 0) / w.length;
  let score = w.reduce((a, x) => a + (x - mean) ** 2, 0);
  const up = w.every((x, i) => i === 0 || x >= w[i - 1]! - 0.01);
  const down = w.every((x, i) => i === 0 || x <= w[i - 1]! + 0.01);
  const peak = w.indexOf(Math.max(...w));
  const diamond = w.every((x, i) => (i <= peak ? i === 0 || x >= w[i - 1]! - 0.01 : x <= w[i - 1]! + 0.01));
  if (!up && !down && !diamond) score += 50;
  if (w[w.length - 1]! < Math.min(4, mean / 3)) score += 1000;
  return score;
}

// ---- tables ----

/** What a column needs: the narrowest it can be (in ems of the table's type), the width it would like, and its kind. */
export interface ColumnNeed {
  /** Narrowest, in ems: an amount's full width, a heading's longest word. */
  readonly minEm: number;
  /** Comfortable, in ems (at least `minEm`). */
  readonly wantEm: number;
}

/** A table laid out on a page: the orientation, the type size in points and each column's width in millimetres. */
export interface TableFit {
  readonly landscape: boolean;
  readonly size: number;
  readonly widths: readonly number[];
}

/** The type area's width, portrait and landscape (GB/T 9704 §5.2.1: 156 × 225 mm). */
export const AREA_MM = { portrait: 156, landscape: 225 } as const;
/** Room a cell's padding and borders take, in millimetres (the outputs use 1.1–1.2 mm a side). */
export const CELL_PAD_MM = 2.8;

/**
 * The first of these that fits the table's columns: portrait at the table's own size, portrait
 * at 五号, then landscape at 五号, 小五 and 六号 (GB/T 9704 §8 has wide tables turned; 六号 is
 * the smallest type a table is set in).
 */
export function fitColumns(needs: readonly ColumnNeed[], baseSize: number): TableFit {
  const sizes = [...new Set([baseSize, 10.5])];
  const candidates = [...sizes.map((size) => ({ landscape: false, size })), ...[10.5, 9, 7.5].map((size) => ({ landscape: true, size }))];
  for (const c of candidates) {
    const area = c.landscape ? AREA_MM.landscape : AREA_MM.portrait;
    const mm = (em: number): number => em * c.size * MM_PER_PT + CELL_PAD_MM;
    const min = needs.map((n) => mm(n.minEm));
    const sumMin = min.reduce((a, b) => a + b, 0);
    if (sumMin > area + 1e-9) continue;
    return { ...c, widths: spread(min, needs.map((n) => mm(Math.max(n.minEm, n.wantEm))), area) };
  }
  // Nothing fits at 六号 on a landscape page: the amounts keep their widths and the text columns give way.
  const last = candidates[candidates.length - 1]!;
  const mm = (em: number): number => em * last.size * MM_PER_PT + CELL_PAD_MM;
  const min = needs.map((n) => mm(n.minEm));
  const sumMin = min.reduce((a, b) => a + b, 0);
  return { ...last, widths: min.map((w) => (w * AREA_MM.landscape) / sumMin) };
}

/** Widths from `min` toward `want` (shared in proportion to what each still wants), then any room left in proportion to `want`. */
function spread(min: readonly number[], want: readonly number[], area: number): number[] {
  let room = area - min.reduce((a, b) => a + b, 0);
  const wish = want.map((w, i) => Math.max(0, w - min[i]!));
  const totalWish = wish.reduce((a, b) => a + b, 0);
  const out = min.map((m, i) => m + (totalWish > 0 ? Math.min(wish[i]!, (wish[i]! / totalWish) * room) : 0));
  room = area - out.reduce((a, b) => a + b, 0);
  const totalWant = want.reduce((a, b) => a + b, 0);
  return out.map((w, i) => w + (room > 0 ? (want[i]! / totalWant) * room : 0));
}
