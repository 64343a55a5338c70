/**
 * Cleaning text that came out of a PDF's text layer or a Word file: the spaces text
 * extraction puts between a number and the Chinese around it (`2022 年`, `附件 1`), runs of
 * spaces, and the forms of brackets that make two printings of one heading differ.
 */

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff';
const CJK_PUNCT = '\\u3000-\\u303f\\uff00-\\uffef“”‘’';
/**
 * A space between a Chinese character (or full-width punctuation) and a number, either way
 * round; but not the space between a budget code and its name (`2101301 城乡医疗救助`: a
 * code of 3, 5 or 7 digits followed by a word that is not a unit or a date's).
 */
const SPACE_BEFORE_DIGIT = new RegExp(`(?<=[${CJK}${CJK_PUNCT}])[ \\u00a0]+(?=[0-9])`, 'g');
const SPACE_AFTER_DIGIT = new RegExp(`(?<![0-9,.])([0-9][0-9,.]*)[ \\u00a0]+(?=([${CJK}${CJK_PUNCT}]))`, 'g');
const UNIT_CHAR = /[万亿元年月日号个次人家所项条余多届批期季度天小时分秒岁户元%‰]/;

function dropDigitSpaces(s: string): string {
  return s.replace(SPACE_BEFORE_DIGIT, '').replace(SPACE_AFTER_DIGIT, (all, num: string, next: string) => {
    const code = /^(?:\d{3}|\d{5}|\d{7})$/.test(num) && !UNIT_CHAR.test(next);
    return code ? all : num;
  });
}
/** A space between Chinese punctuation and anything, or anything and Chinese punctuation. */
const SPACE_AT_PUNCT = new RegExp(`(?<=[${CJK_PUNCT}])[ \\u00a0]+|[ \\u00a0]+(?=[${CJK_PUNCT}])`, 'g');

/**
 * A cell's or paragraph's text with extraction spaces removed: spaces next to a digit on the
 * Chinese side, and next to full-width punctuation. Spaces between two Chinese words are
 * kept (`南昌市财政局 南昌市医疗保障局` prints one), as are spaces between Latin words.
 */
export function cleanText(s: string): string {
  // Every step below removes or changes whitespace only: a text without any is clean already.
  if (!/\s/.test(s)) return s;
  // Justified text from a PDF: three or more Chinese characters each followed by one space.
  s = s.replace(SPACED, (m) => m.replace(/ /g, ''));
  return dropDigitSpaces(s.replace(/[\t\r\n]+/g, ' ')).replace(SPACE_AT_PUNCT, '').replace(/ {2,}/g, ' ').trim();
}

/** Also the spaces between two Chinese characters: for a title or a sentence that extraction broke at a line's end. */
export function joinBroken(s: string): string {
  return cleanText(s).replace(new RegExp(`(?<=[${CJK}])[ \\u00a0]+(?=[${CJK}])`, 'g'), '');
}

/** Single Chinese characters (or full-width punctuation) with one space between each, three or more. */
const SPACED = new RegExp(`(?:[${CJK}${CJK_PUNCT}] ){2,}[${CJK}${CJK_PUNCT}]`, 'g');

const WIDTH: Record<string, string> = { '（': '(', '）': ')', '：': ':', '，': ',', '［': '[', '］': ']', '【': '[', '】': ']', '　': '' };

/** Two printings of a heading are the same (`市（县、区）名称` on one page, `市(县、区)名称` on the next). */
export function sameHeading(a: string, b: string): boolean {
  const n = (s: string): string => s.replace(/[（）：，［］【】　\s]/g, (c) => WIDTH[c] ?? '');
  return n(a) === n(b);
}

/**
 * The simplified-form radicals (CJK Radicals Supplement) that a PDF's text layer gives for
 * ordinary characters, and the ideographs they print as (Unicode's EquivalentUnifiedIdeograph
 * data). Chromium and some other producers map a glyph to the radical's code point: `江⻔市`
 * prints 江门市. The Kangxi radicals (U+2F00–U+2FD5, `资⾦`) have NFKC decompositions.
 */
const SUPPLEMENT: Record<string, string> = {
  '⺅': '亻', '⺉': '刂', '⺖': '忄', '⺘': '扌', '⺝': '月', '⺟': '母', '⺠': '民', '⺡': '氵',
  '⺣': '灬', '⺨': '犭', '⺩': '王', '⺬': '礻', '⺾': '艹', '⻁': '虎', '⻂': '衤', '⻄': '西',
  '⻅': '见', '⻆': '角', '⻈': '讠', '⻉': '贝', '⻋': '车', '⻌': '辶', '⻏': '阝', '⻐': '钅',
  '⻑': '長', '⻓': '长', '⻔': '门', '⻖': '阝', '⻗': '雨', '⻘': '青', '⻙': '韦', '⻚': '页',
  '⻛': '风', '⻜': '飞', '⻝': '食', '⻠': '饣', '⻢': '马', '⻣': '骨', '⻤': '鬼', '⻥': '鱼',
  '⻦': '鸟', '⻧': '卤', '⻨': '麦', '⻩': '黄', '⻪': '黾', '⻬': '齐', '⻮': '齿', '⻰': '龙',
  '⻳': '龟',
};

/** A PDF text item's text with radicals given for ordinary characters put back as those characters. */
export function unifiedIdeographs(s: string): string {
  return /[\u2e80-\u2fdf]/.test(s) ? s.replace(/[\u2e80-\u2fdf]/g, (c) => SUPPLEMENT[c] ?? (c >= '\u2f00' ? c.normalize('NFKC') : c)) : s;
}
