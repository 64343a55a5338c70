import { describe, expect, it } from 'vitest';
import { checkText } from '../../server/src/checks/index.js';
import { fillParagraph, findBodyRefs, resolveBodyRef } from '../../server/src/model/body-refs.js';
import { CLEAN, example } from './fixtures.js';

function refs(source: string): { text: string; message: string }[] {
  return checkText(source)
    .diagnostics.filter((d) => d.code === 'unknown-reference')
    .map((d) => ({ text: source.slice(d.span.start, d.span.end), message: d.message }));
}

function body(paragraph: string): string {
  return CLEAN.replace(/  正文\n(    .*\n)+/, `  正文\n    ${paragraph}\n`);
}

function filled(source: string, recipientName?: string): string {
  const { model } = checkText(source);
  const n = model.notices[0]!;
  const p = n.node.body!.paragraphs[0]!;
  const recipient = recipientName ? n.tables[0]!.allRows.find((r) => r.name === recipientName) : undefined;
  return fillParagraph(p.text, p.start, n, recipient ? { recipient } : {}).map((x) => x.text).join('');
}

describe('body references', () => {
  it('finds references with their spans, full-width braces and dots too', () => {
    const found = findBodyRefs('共{附件1.合计.本次}万元，｛本单位．本次｝', 100);
    expect(found).toHaveLength(2);
    expect(found[0]!.span).toEqual({ start: 101, end: 112 });
    expect(found[0]!.table!.text).toBe('附件1');
    expect(found[0]!.rows.map((r) => r.text)).toEqual(['合计']);
    expect(found[0]!.column!.text).toBe('本次');
    expect(found[1]!.recipient).toBe(true);
    expect(found[1]!.column!.text).toBe('本次');
  });

  it('fills 合计, named rows and formulas with the values the table holds', () => {
    expect(filled(CLEAN)).toBe('现下达2024年测试补助资金900万元（中央）和600万元（省级），其中甲市1,000万元。');
  });

  it('formats as the table writes its numbers (decimals kept)', () => {
    const { model } = checkText(example('jiangmen-jcs-2023-16'));
    const n = model.notices[3]!;
    const p = n.node.body!.paragraphs[0]!;
    expect(fillParagraph(p.text, p.start, n).map((x) => x.text).join('')).toContain('预算共194.00万元');
  });

  it('fills the Nanchang body from the total row', () => {
    const { model } = checkText(example('nanchang-hcszh-2022-67'));
    const n = model.notices[0]!;
    const p = n.node.body!.paragraphs[0]!;
    expect(fillParagraph(p.text, p.start, n).map((x) => x.text).join('')).toContain('补助资金166万元(医疗保障服务能力提升部分');
  });

  it('takes 本单位 from the recipient row, and leaves it blank without one', () => {
    const src = body('下达你市{本单位.本次中央+本次省级}万元，你单位为{本单位}，中央{本单位.5}万元。');
    expect(filled(src, '甲市')).toBe('下达你市1000万元，你单位为甲市，中央600万元。');
    expect(filled(src)).toBe('下达你市\u3000\u3000万元，你单位为\u3000\u3000，中央\u3000\u3000万元。');
    expect(refs(src)).toEqual([]);
  });

  it('fills the blanks of the per-city Jiangxi notice from each city row', () => {
    const src = example('jiangxi-gcszh-2023-26')
      .split('\n')
      .map((l) =>
        /^ {4}[^#]/.test(l) && l.includes('下达你市')
          ? l.replace('补助资金 万元', '补助资金{本单位.全年中央+全年省级}万元').replace('已下达资金 万元', '已下达资金{本单位.3+4}万元').replace('此次实际下达资金 万元', '此次实际下达资金{本单位.本次中央+本次省级}万元')
          : l,
      )
      .join('\n');
    expect(refs(src)).toEqual([]);
    expect(filled(src, '南昌市')).toContain('补助资金9547万元，扣除赣财社指〔2022〕56号、赣财社指〔2022〕90号已下达资金7083万元，此次实际下达资金2464万元');
    expect(filled(src, '东湖区')).toContain('补助资金289万元，扣除赣财社指〔2022〕56号、赣财社指〔2022〕90号已下达资金249万元，此次实际下达资金40万元');
  });

  it('reads the sum of top-level rows as 合计 when there is no single total row', () => {
    const src = `通知 测财社〔2024〕6号
  标题：测试
  正文
    共{附件1.合计.金额}万元，乙县{附件1.乙县.金额}万元。

附件1 分配表：测试表
  单位：万元
  栏 金额：金额

  甲县   10.5
  乙县   20
`;
    expect(filled(src)).toBe('共30.5万元，乙县20.0万元。');
    const { model } = checkText(src);
    const n = model.notices[0]!;
    const r = resolveBodyRef(findBodyRefs('{附件1.合计.金额}', 0)[0]!, n);
    expect(r.kind).toBe('value');
  });

  it('reports a table, row or column that is not there, with what exists', () => {
    const src = body('甲{附件3.合计.本次中央}乙{附件1.丙市.本次中央}丙{附件1.合计.本年}丁{附件2.合计.本次中央}戊{本单位.无此栏}己{附件1.甲市.甲三区.全年中央}');
    const found = refs(src);
    expect(found).toEqual([
      { text: '附件3', message: '正文引用的“附件3”不是本通知的分配表：本通知的分配表有 附件1' },
      { text: '丙市', message: '附件1 中没有“丙市”这一行：最上层的行有 全省（“合计”指合计行）' },
      { text: '本年', message: '附件1 中没有数字栏“本年”：有 全年中央、全年省级、已下达中央、已下达省级、本次中央、本次省级（也可写栏次 1–6）' },
      { text: '附件2', message: '“附件2”是绩效目标表，没有可引用的数：本通知的分配表有 附件1' },
      { text: '无此栏', message: '附件1 中没有数字栏“无此栏”：有 全年中央、全年省级、已下达中央、已下达省级、本次中央、本次省级（也可写栏次 1–6）' },
      { text: '甲三区', message: '“甲市”下没有“甲三区”这一行：有 甲一区、甲二区' },
    ]);
    expect(checkText(src).diagnostics.filter((d) => d.code === 'unknown-reference').every((d) => d.severity === 'error')).toBe(true);
  });

  it('asks for the parent row when a row name is not unique', () => {
    const src = CLEAN.replace('      乙一区 [一般县]       500', '      甲一区 [一般县]       500').replace(
      /  正文\n(    .*\n)+/,
      '  正文\n    共{附件1.甲一区.本次中央}，{附件1.乙市.甲一区.本次中央}。\n',
    );
    const found = refs(src);
    expect(found).toHaveLength(1);
    expect(found[0]!.text).toBe('甲一区');
    expect(found[0]!.message).toContain('有 2 行叫“甲一区”（甲市.甲一区、乙市.甲一区）');
    expect(filled(src)).toBe('共{附件1.甲一区.本次中央}，300。');
  });

  it('reports a reference with too few parts', () => {
    const found = refs(body('共{附件1.本次中央}万元'));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toBe('引用应写作 {表.行.栏}，如 {附件1.合计.全年中央}');
  });

  it('finds nothing to report in the examples', () => {
    for (const name of ['nanchang-hcszh-2022-67', 'jiangxi-gcszh-2023-26', 'jiangmen-jcs-2023-16']) {
      expect(refs(example(name))).toEqual([]);
    }
  });
});
