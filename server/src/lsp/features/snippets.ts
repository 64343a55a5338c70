/**
 * The skeletons the editor offers where a block may start (a notice, an allocation table, a
 * KPI table) and where a column may be declared: completion items in VS Code's snippet
 * syntax, offered by the server so that they appear only where they fit, never inside a
 * table's rows or a KPI block. `expandSnippet` reads that syntax as VS Code does (a `}`
 * ends the innermost placeholder unless written `\}`) and gives the text with every
 * placeholder at its default: what a client without snippet support inserts, and what the
 * tests check (every snippet expands to a notice without errors).
 */

export interface Snippet {
  /** The keyword it starts with, which is also its label. */
  readonly keyword: '通知' | '分配表' | '绩效目标表' | '栏';
  readonly description: string;
  /** The lines, in VS Code's snippet syntax. */
  readonly body: readonly string[];
}

/**
 * The snippets; `n` is the attachment number the next table gets (the tables above the
 * cursor, plus one), `year` the year its placeholders default to.
 */
export function snippets(n: number, year: number): Snippet[] {
  return [
    {
      keyword: '通知',
      description: '一份下达资金的通知：文号、机关、科目、直达资金标识、正文和附件1 分配表',
      body: [
        `通知 \${1:某财社}〔\${2:${year}}〕\${3:1}号`,
        '  发文机关：${4:某省财政厅、某省医疗保障局}',
        '  标题：${5:关于下达${2}年医疗救助补助资金的通知}',
        '  主送：${6:各设区市财政局、医保局}',
        '  年度：${2}',
        '  金额：${7:100}万元 = 附件1.本次',
        '  资金来源：中央',
        '  收入科目：${8:1100249 医疗卫生共同财政事权转移支付收入}',
        '  支出功能科目：${9:2101301 城乡医疗救助}',
        '  政府经济科目：${10:51301 上下级政府间转移性支出}',
        '  直达资金：01 中央直达资金',
        '  公开方式：${11|主动公开,依申请公开,不予公开|}',
        '  成文日期：${CURRENT_YEAR}-${CURRENT_MONTH}-${CURRENT_DATE}',
        '  印发：${12:某省财政厅办公室} ${13:${CURRENT_YEAR}-${CURRENT_MONTH}-${CURRENT_DATE}}',
        '  正文',
        // `\}` keeps the reference's brace inside the placeholder (an unescaped `}` ends it).
        '    ${0:现下达${2}年医疗救助补助资金{附件1.合计.本次\\}万元（详见附件1），并就有关事项通知如下：}',
        '',
        '附件1 分配表：${2}年医疗救助补助资金分配表',
        '  单位：万元',
        '  行标题：地区',
        '  栏 全年：全年下达资金',
        '  栏 已下达：已下达资金',
        '  栏 本次：此次下达资金 = 全年 - 已下达',
        '',
        '  合计      160    60   100',
        '    地区一   90    30    60',
        '    地区二   70    30    40',
        '',
      ],
    },
    {
      keyword: '分配表',
      description: '资金分配表：单位、栏（含公式）、合计行和各项',
      body: [
        `附件\${1:${n}} 分配表：\${2:${year}年补助资金分配表}`,
        '  单位：${3|万元,元,亿元|}',
        '  行标题：${4:地区}',
        '  栏 ${5:全年}：${6:全年下达资金}',
        '  栏 ${7:已下达}：${8:已下达资金}',
        '  栏 ${9:本次}：${10:此次下达资金} = ${5} - ${7}',
        '',
        '  ${11:合计}      0    0    0',
        '    ${12:地区一}   0    0    0',
        '    ${13:地区二}   0    0    0',
        '$0',
      ],
    },
    {
      keyword: '绩效目标表',
      description: '绩效目标表：表头字段和 一级 › 二级 › 三级 指标',
      body: [
        `附件\${1:${n}} 绩效目标表：\${2:区域绩效目标表}`,
        `  年度：\${3:${year}}`,
        '  项目名称：${4:医疗救助补助资金}',
        '  年度金额：详见附件1',
        '  年度目标：${5:医疗救助对象应救尽救}',
        '  产出指标',
        '    数量指标',
        '      ${6:救助人次}：${7:≥1万人次}',
        '    质量指标',
        '      ${8:政策范围内住院救助比例}：${9:≥70%}',
        '    时效指标',
        '      ${10:资金下达及时率}：${11:=100%}',
        '  效益指标',
        '    社会效益指标',
        '      ${12:困难群众医疗负担}：${13:有所减轻}',
        '  满意度指标',
        '    服务对象满意度指标',
        '      ${14:救助对象满意度}：${15:≥85%}',
        '$0',
      ],
    },
    {
      keyword: '栏',
      description: '一个数字栏（可带公式和来源）',
      body: ['栏 ${1:编号}：${2:栏头}${3: = ${4:公式}}${5: 来源：${6|中央,省级|}}'],
    },
  ];
}

/** A snippet's text in VS Code's syntax, with every placeholder at its default and the variables of `variables`. */
export function expandSnippet(body: readonly string[] | string, variables: Readonly<Record<string, string>> = {}): string {
  const src = typeof body === 'string' ? body : body.join('\n');
  const defaults = new Map<string, string>();
  let i = 0;
  // Reads until `stop` (a `}` that ends a placeholder) or the end; returns the text read.
  const read = (inPlaceholder: boolean): string => {
    let out = '';
    while (i < src.length) {
      const c = src[i]!;
      if (c === '\\' && i + 1 < src.length && '$}\\'.includes(src[i + 1]!)) {
        out += src[i + 1];
        i += 2;
      } else if (c === '}' && inPlaceholder) {
        return out;
      } else if (c === '$') {
        out += dollar();
      } else {
        out += c;
        i++;
      }
    }
    return out;
  };
  const dollar = (): string => {
    const rest = src.slice(i);
    let m = /^\$(\d+)/.exec(rest);
    if (m) {
      i += m[0].length;
      return defaults.get(m[1]!) ?? '';
    }
    m = /^\$\{(\d+)\}/.exec(rest);
    if (m) {
      i += m[0].length;
      return defaults.get(m[1]!) ?? '';
    }
    m = /^\$\{(\d+)\|([^|]*)\|\}/.exec(rest);
    if (m) {
      i += m[0].length;
      const first = m[2]!.split(',')[0]!.replace(/\\(.)/g, '$1');
      defaults.set(m[1]!, first);
      return first;
    }
    m = /^\$\{(\d+):/.exec(rest);
    if (m) {
      i += m[0].length;
      const value = read(true);
      i++; // the closing brace
      defaults.set(m[1]!, value);
      return value;
    }
    m = /^\$\{([A-Z_]+)(?::|\})/.exec(rest);
    if (m) {
      i += m[0].length;
      const fallback = m[0].endsWith(':') ? read(true) : '';
      if (m[0].endsWith(':')) i++;
      return variables[m[1]!] ?? fallback;
    }
    m = /^\$([A-Z_]+)/.exec(rest);
    if (m) {
      i += m[0].length;
      return variables[m[1]!] ?? '';
    }
    i++;
    return '$';
  };
  return read(false);
}
