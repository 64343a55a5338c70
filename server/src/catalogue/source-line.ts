/**
 * The one short line about where a catalogue row comes from that an editor shows its user
 * (hover, completion details): a published notice that prints the row, or the kind of
 * source, in Chinese. The full provenance (addresses, repositories, files, maintainers'
 * notes) stays in data/*.csv for whoever checks the data; a user needs to know how far to
 * trust the row, not where a maintainer found it.
 */

/** What each source id of data/README.md is, for a user (no repository or address). */
const SOURCE_IDS: Readonly<Record<string, string>> = {
  S1: '预算管理一体化系统的取值',
  S4: '《政府预算和部门预算支出经济分类科目对照表》',
  S5: '支出经济分类科目说明',
  S6: '2018年302款科目说明',
  S7: '《2020年政府收支分类科目》转移性收入部分',
  S9: '财预〔2021〕101号 绩效指标指引',
  S10: '绩效目标设定要求',
  S11: '绩效指标库',
  S12: '部门预决算检查工具的科目',
  S13: '决算软件的类级科目',
  S14: '预算管理一体化系统接口的科目',
  S15: '2018年省级转移支付记录',
  S17: '2023年已公开的整体绩效目标表',
  S19: '绩效指标库',
};

const DOC_NUMBER = /[\u4e00-\u9fff]+[〔[【（(]\d{4}[〕\]】）)]\d+号/g;

/** The short line for a row's `source` (data/*.csv's `source` column, or a user table's `用户目录 …`). */
export function sourceLine(source: string): string {
  const s = source.trim();
  if (s.startsWith('用户目录')) return `来源：${s}`;
  const parts = s.split(/;\s*/).map((x) => x.trim()).filter((x) => x !== '');
  // Published notices first: their 文号, else the issuing body and what it was about.
  const numbers = new Set<string>();
  const described: string[] = [];
  for (const p of parts) {
    if (!/^引用\s*\d{4}/.test(p) && !/已公开通知/.test(p)) continue;
    for (const m of p.matchAll(DOC_NUMBER)) numbers.add(m[0]);
    const said = /\((?:(?:spam-site )?mirror of )?([^()]*[\u4e00-\u9fff][^()]*)\)\s*$/.exec(p)?.[1];
    if (said && !/[A-Za-z]{3,}/.test(said)) described.push(said.replace(/\s*\d{4}-\d{2}-\d{2}\s*/, ' ').trim());
  }
  if (numbers.size > 0) return `见于已公开通知：${[...numbers].slice(0, 2).join('、')}`;
  if (described.length > 0) return `见于已公开通知：${described[0]}`;
  const cited = parts.map((p) => /^引用\s*(\d{4})/.exec(p)?.[1]).find((y) => y !== undefined);
  if (cited) return `见于 ${cited} 年已公开通知`;
  const ids = parts.map((p) => /^(S\d+)\b/.exec(p)?.[1]).filter((x): x is string => x !== undefined && x in SOURCE_IDS);
  if (ids.length > 0) return `见于${[...new Set(ids.map((id) => SOURCE_IDS[id]!))].slice(0, 2).join('、')}`;
  if (parts.some((p) => p.startsWith('整理者经验'))) return '整理者经验，未经官方科目表核对';
  return '来源未经核对';
}
