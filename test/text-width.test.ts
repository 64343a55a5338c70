/**
 * The display width of text (grammar/text-width.ts), on what a user writes in a notice:
 * Latin text is one column a character, CJK text and full-width forms two, marks and
 * zero-width characters none; characters outside the BMP are one character, not two.
 */
import { describe, expect, it } from 'vitest';
import { textWidth } from '../grammar/index.js';

describe('textWidth', () => {
  it('counts ASCII one column a character', () => {
    expect(textWidth('')).toBe(0);
    expect(textWidth('abc')).toBe(3);
    expect(textWidth('1,200.50')).toBe(8);
    expect(textWidth('  # note')).toBe(8);
  });

  it('counts CJK names two columns a character', () => {
    expect(textWidth('南昌市医疗保障局')).toBe(16);
    expect(textWidth('南昌市合计')).toBe(10);
    expect(textWidth('한국')).toBe(4);
    expect(textWidth('かなカナ')).toBe(8);
  });

  it('counts full-width punctuation, digits and letters two columns, half-width forms one', () => {
    expect(textWidth('，。：（）〔〕【】')).toBe(18);
    expect(textWidth('、；！？《》「」')).toBe(16);
    expect(textWidth('２０２２')).toBe(8);
    expect(textWidth('ＡＢｃ')).toBe(6);
    expect(textWidth('！｠￥￦')).toBe(8); // U+FF01, U+FF60, U+FFE5, U+FFE6: the ends of the full-width forms
    expect(textWidth('ｶﾀｶﾅ｡')).toBe(5); // half-width katakana and full stop
  });

  it('measures a document number: CJK, brackets and ASCII digits together', () => {
    expect(textWidth('〔2022〕')).toBe(8);
    expect(textWidth('洪财社〔2022〕67号')).toBe(18);
    expect(textWidth('南昌市 700')).toBe(10);
  });

  it('counts the ideographic space two columns and the ASCII space one', () => {
    expect(textWidth('\u3000')).toBe(2);
    expect(textWidth('\u3000\u3000下达')).toBe(8);
    expect(textWidth(' ')).toBe(1);
  });

  it('counts code points, not UTF-16 units: Extension B characters and emoji are one wide character', () => {
    expect('𠀀'.length).toBe(2);
    expect(textWidth('𠀀')).toBe(2); // U+20000, CJK Extension B
    expect(textWidth('𪚥村')).toBe(4); // U+2A6A5
    expect(textWidth('😀')).toBe(2);
    expect(textWidth('南昌😀')).toBe(6);
    expect(textWidth('\ud800')).toBe(1); // a lone surrogate is shown as one replacement character
  });

  it('counts combining marks and zero-width characters as nothing', () => {
    expect(textWidth('e\u0301')).toBe(1); // e + combining acute: é as two code points
    expect(textWidth('é')).toBe(1);
    expect(textWidth('a\u0300\u0301\u036f')).toBe(1);
    expect(textWidth('a\u200bb')).toBe(2); // zero-width space
    expect(textWidth('\u200c\u200d\u200e\u200f')).toBe(0);
    expect(textWidth('\ufeff南昌')).toBe(4); // a byte-order mark
    expect(textWidth('\u00ad')).toBe(1); // the soft hyphen is shown as a hyphen
  });

  it('counts Ambiguous characters one column, or two where asked (text set in a Chinese font)', () => {
    expect(textWidth('“十四五”')).toBe(8);
    expect(textWidth('“十四五”', { ambiguousAsWide: true })).toBe(10);
    expect(textWidth('—·×°')).toBe(4);
    expect(textWidth('—·×°', { ambiguousAsWide: true })).toBe(8);
    expect(textWidth('abc 南昌', { ambiguousAsWide: true })).toBe(8);
  });
});
