/**
 * `SourceFile.marks`: the parse notes where the lines' content has `{`, `｛` (a reference
 * begins) or `号` (a document number ends), and the checks for those forms read only those
 * lines. The marks are every such character outside comments, and the checks still find the
 * forms wherever they stand: in a field, a table's title, a row's name, a text cell.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../grammar/index.js';
import { checkText } from '../server/src/checks/index.js';

const MARKED = new Set(['{', '｛', '号']);

describe('marks', () => {
  it('are every {, ｛ and 号 outside the comments, in order, whatever the text', () => {
    const piece = fc.constantFrom('{', '｛', '号', '#', ' ', '  ', '\n', '\r\n', '\t', '甲', '1', '-', '：', '[', ']', '〔2024〕', '附件1', '分配表', '栏', '其中');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 120 }).map((a) => a.join('')), (text) => {
        const file = parse(text);
        const inComment = (i: number): boolean => file.comments.some((c) => c.start <= i && i < c.end);
        const want: number[] = [];
        for (let i = 0; i < text.length; i++) if (MARKED.has(text[i]!) && !inComment(i)) want.push(i);
        expect(file.marks).toEqual(want);
      }),
      { numRuns: 400 },
    );
  });

  it('lead the checks to references and document numbers in every place, and not into comments', () => {
    const text = [
      '通知 财社〔2024〕1号',
      '  标题：关于下达补助资金的通知',
      '  主送：{本单位}财政局',
      '  依据：财社〔2024〕01号',
      '附件1 分配表：{本单位}资金分配表',
      '  单位：万元',
      '  栏 文号：文号（文字）',
      '  栏 金额：金额',
      '  合计                       30',
      '    甲县{本单位} [财社〔24〕3号]   10  # 注：{本单位} 财社〔24〕9号',
      '    乙县 [ ]                   20',
      '# {本单位} 财社〔2024〕第5号',
      '',
    ].join('\n');
    const found = checkText(text).diagnostics.filter((d) => d.code === 'reference-outside-body' || d.code === 'doc-number-format');
    const at = found.map((d) => [d.code, text.slice(d.span.start, d.span.end)]);
    expect(at).toContainEqual(['reference-outside-body', '{本单位}']);
    const refLines = found.filter((d) => d.code === 'reference-outside-body').map((d) => text.slice(0, d.span.start).split('\n').length);
    expect(refLines).toEqual([3, 5, 10]);
    const numbers = found.filter((d) => d.code === 'doc-number-format').map((d) => text.slice(0, d.span.start).split('\n').length);
    expect(numbers).toEqual([4, 10]);
    // Nothing reported inside a comment.
    for (const d of found) expect(text.slice(0, d.span.start).split('\n').pop()).not.toContain('#');
  });
});
