/** Small sources for the renderer tests (the examples are read from examples/). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXAMPLES = fileURLToPath(new URL('../../examples', import.meta.url));

export function example(name: string): string {
  return readFileSync(join(EXAMPLES, `${name}.notice`), 'utf8');
}

/** A clean notice: grouped columns, formulas, three levels, text column, a KPI table, body references. */
export const CLEAN = `通知 测财社〔2024〕5号
  发文机关：测试市财政局、测试市医疗保障局
  标题：关于下达2024年测试补助资金的通知
  主送：各县（区）财政局
  年度：2024
  资金来源：中央、省级
  直达资金：01 中央直达资金
  直达资金（省级）：直达资金省级对应安排
  公开方式：主动公开
  抄送：财政部测试监管局
  成文日期：2024-03-05
  印发：测试市财政局办公室 2024-03-05
  正文
    现下达2024年测试补助资金{附件1.合计.本次中央}万元（中央）和{附件1.合计.本次省级}万元（省级），其中甲市{附件1.甲市.全年中央}万元。
    下达你市{本单位.本次中央+本次省级}万元，你单位为{本单位}。

附件1 分配表：2024年测试补助资金分配表
  单位：万元
  行标题：地区
  栏 类别：县区类别（文字）
  栏组 全年应下达
    栏 全年中央：中央资金 来源：中央
    栏 全年省级：省级资金 来源：省级
  栏组 已下达
    栏 已下达中央：中央资金 来源：中央
    栏 已下达省级：省级资金 来源：省级
  栏组 本次下达
    栏 本次中央：中央资金 = 1 - 3 来源：中央
    栏 本次省级：省级资金 = 2 - 4 来源：省级

  全省                 1,500   900   600   300   900   600
    甲市                 1,000   600   400   200   600   400
      甲一区 [一般县]       700   400   300   100   400   300
      甲二区 [西部县区]     300   200   100   100   200   100
    乙市                   500   300   200   100   300   200
      乙一区 [一般县]       500   300   200   100   300   200

附件2 绩效目标表：2024年测试补助资金绩效目标表
  年度：2024
  项目名称：测试补助资金
  年度金额：详见附件1
  产出指标
    数量指标
      救助人次：≥2万人次
      资助比例：100%
    时效指标
      拨付及时率：100%
  满意度指标
    服务对象满意度指标
      满意度：≥85%
`;

/**
 * The Jiangxi table in 元, as a bureau that allocates in 元 publishes it: every amount ×10,000
 * (and 37 more, so no digit is a round zero): the widest amounts of the examples (`993,040,037`).
 */
export function jiangxiInYuan(): string {
  const src = example('jiangxi-gcszh-2023-26');
  return src.replace(/^(附件1 [\s\S]*?)(?=^附件2)/m, (table) =>
    table.replace('单位：万元', '单位：元').replace(/^( {2,}[^\s#].*?)((?:\s+-?\d+|\s+-)+)$/gm, (_, name: string, nums: string) =>
      name + nums.replace(/-?\d+/g, (d) => (Number(d) * 10000 + (d.startsWith('-') ? -37 : 37)).toLocaleString('en-US')),
    ),
  );
}
