/**
 * The display width of text: how many columns it takes where CJK characters are twice as
 * wide as Latin ones, by Unicode's East Asian Width (UAX #11). Wide and Fullwidth characters
 * (CJK ideographs, kana, Hangul, CJK punctuation such as `，。：（）〔〕【】`, the full-width
 * forms, the ideographic space, emoji) take two columns; combining marks and zero-width
 * format characters (U+0300–U+036F, U+200B–U+200F, U+FEFF and the like) take none; every
 * other character takes one. Code points are counted, not UTF-16 units, so a character
 * outside the BMP (CJK Extension B, an emoji) is one character, wide.
 *
 * This is the one home of the rule: the CLI's carets, the formatter's columns and the
 * renderers' width estimates all call it. Which characters are Wide or Fullwidth comes from
 * `get-east-asian-width` (no dependencies, Unicode's current tables, runs anywhere).
 */
import { eastAsianWidth } from 'get-east-asian-width';

export interface TextWidthOptions {
  /**
   * Count East Asian Width's Ambiguous characters (`“”‘’—…·×°①Ⅰ→` and the like) as wide.
   * UAX #11 resolves them by context: a terminal or an editor shows them narrow (the
   * default), while text set in a Chinese font shows them full-width, as GB 2312 encodes them.
   */
  readonly ambiguousAsWide?: boolean;
}

/**
 * Nonspacing and enclosing marks and format characters: they take no column of their own
 * (a combining accent sits on the letter before it; U+200B, U+200D and U+FEFF are invisible).
 * The soft hyphen U+00AD is the exception, as in terminals: it is shown as a hyphen.
 */
const ZERO_WIDTH = /(?!\u00ad)[\p{Mn}\p{Me}\p{Cf}]/u;

const NARROW: TextWidthOptions = { ambiguousAsWide: false };
const WIDE: TextWidthOptions = { ambiguousAsWide: true };

/** Columns that `s` takes: 2 for each Wide or Fullwidth character, 0 for each mark, 1 for the rest. */
export function textWidth(s: string, options?: TextWidthOptions): number {
  const ambiguous = options?.ambiguousAsWide === true ? WIDE : NARROW;
  // Whether the text has any zero-width character at all: asked once, at the first
  // character past ASCII, so that the usual text (ASCII, CJK) is not tested one by one.
  let marks: boolean | undefined;
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    if (c > 0xffff) i++;
    if (c < 0xa1) {
      // ASCII: narrow, and neither a mark nor Ambiguous (the first of those is U+00A1).
      w += 1;
      continue;
    }
    marks ??= ZERO_WIDTH.test(s);
    if (marks && ZERO_WIDTH.test(String.fromCodePoint(c))) continue;
    w += eastAsianWidth(c, ambiguous);
  }
  return w;
}
