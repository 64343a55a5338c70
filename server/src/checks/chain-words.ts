/**
 * The 资金链 tree's shape and its words: each link of a notice and the summary line, as
 * `notice chain` prints them and the editor's 资金链 view shows them (made here, once, for
 * both). Imports nothing, so the VS Code client can bundle it without the catalogue.
 */

export interface ChainNode {
  file: string;
  number?: string;
  title?: string;
  issuer?: string;
  region?: string;
  year?: number;
  /** Against the 依据 notice it hangs under (and any other 依据 at hand). */
  above: { basis: string[]; source: string; ours: string; theirs: string[]; agrees: boolean }[];
  /** Its 已下达 columns against the notices they cite. */
  already: { column: string; cites: string[]; missing: string[]; compared: number; differing: { region: string; stated: string; expected: string }[] }[];
  children: ChainNode[];
}

/** A link's state: its figures agree, differ, or could not be compared (a cited notice is not at hand). */
export type LinkVerdict = 'agrees' | 'differs' | 'unchecked';

/** Where the notices were found, as the words say it: `不在文件夹中` (the CLI), `不在工作区中` (the editor). */
export type ChainPlace = '文件夹' | '工作区';

/** The links of one notice in words, each with its verdict (`notice chain` marks them ✓ ✗ ?). */
export function linkLines(node: ChainNode, place: ChainPlace): { verdict: LinkVerdict; text: string }[] {
  const out: { verdict: LinkVerdict; text: string }[] = [];
  for (const a of node.above) {
    const source = a.source ? `（${a.source}）` : '';
    out.push({ verdict: a.agrees ? 'agrees' : 'differs', text: `本级下达${source} ${a.ours}，上级下达本地区 ${a.basis.map((b, i) => `${b} ${a.theirs[i] ?? ''}`).join('、')}` });
  }
  for (const a of node.already) {
    if (a.missing.length > 0) out.push({ verdict: 'unchecked', text: `“${a.column}”：所引 ${a.missing.join('、')} 不在${place}中，未核对` });
    else if (a.differing.length === 0) out.push({ verdict: 'agrees', text: `“${a.column}”与 ${a.cites.join('、')} 相符（${a.compared} 行）` });
    else {
      const rows = a.differing.slice(0, 3).map((d) => `${d.region} ${d.stated}（应为 ${d.expected}）`).join('，');
      out.push({ verdict: 'differs', text: `“${a.column}”与 ${a.cites.join('、')} 有 ${a.differing.length} 行不符：${rows}${a.differing.length > 3 ? '……' : ''}` });
    }
  }
  return out;
}

/** How many figures of this notice itself do not agree (each differing row of an 已下达 column counts). */
export function ownDiffering(node: ChainNode): number {
  return node.above.filter((a) => !a.agrees).length + node.already.reduce((sum, a) => sum + a.differing.length, 0);
}

/** How many figures do not agree in these trees, every notice of them counted. */
export function differingIn(nodes: readonly ChainNode[]): number {
  return nodes.reduce((sum, n) => sum + ownDiffering(n) + differingIn(n.children), 0);
}

function noticesIn(nodes: readonly ChainNode[]): number {
  return nodes.reduce((sum, n) => sum + 1 + noticesIn(n.children), 0);
}

/** `5 份通知，3 条链：各环都相符（或无可核对的数）`, or `工作区中没有通知`. */
export function chainSummary(roots: readonly ChainNode[], place: ChainPlace): string {
  if (roots.length === 0) return `${place}中没有通知`;
  const differs = differingIn(roots);
  return `${noticesIn(roots)} 份通知，${roots.length} 条链：${differs === 0 ? '各环都相符（或无可核对的数）' : `${differs} 处不相符`}`;
}
