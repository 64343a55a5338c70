/**
 * The 资金链 view in the Explorer: the workspace's notices as trees by their 依据 (ministry →
 * province → city → county), each with its links' figures and ✓/✗, from the server's
 * `notice/chain` (server/src/lsp/features/chain.ts). Refreshed by its title button, and when
 * the diagnostics of a notice change (an edit re-checks the notices that cite it). A click
 * opens the notice.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { ChainNode } from '../../server/src/checks/chain-tree.js';

type Item = { node: ChainNode } | { line: string; ok: boolean | undefined; file: string };

function linesOf(node: ChainNode): { line: string; ok: boolean | undefined }[] {
  const out: { line: string; ok: boolean | undefined }[] = [];
  for (const a of node.above) {
    const source = a.source ? `（${a.source}）` : '';
    out.push({ ok: a.agrees, line: `本级下达${source} ${a.ours}，上级下达本地区 ${a.basis.map((b, i) => `${b} ${a.theirs[i] ?? ''}`).join('、')}` });
  }
  for (const a of node.already) {
    if (a.missing.length > 0) out.push({ ok: undefined, line: `“${a.column}”：所引 ${a.missing.join('、')} 不在工作区中，未核对` });
    else if (a.differing.length === 0) out.push({ ok: true, line: `“${a.column}”与 ${a.cites.join('、')} 相符（${a.compared} 行）` });
    else out.push({ ok: false, line: `“${a.column}”与 ${a.cites.join('、')} 有 ${a.differing.length} 行不符：${a.differing.slice(0, 3).map((d) => `${d.region} ${d.stated}（应为 ${d.expected}）`).join('，')}` });
  }
  return out;
}

function agrees(node: ChainNode): boolean {
  return node.above.every((a) => a.agrees) && node.already.every((a) => a.differing.length === 0) && node.children.every(agrees);
}

class ChainProvider implements vscode.TreeDataProvider<Item> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  constructor(private readonly getClient: () => BaseLanguageClient) {}

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(item?: Item): Promise<Item[]> {
    if (!item) {
      try {
        const roots = await this.getClient().sendRequest<ChainNode[]>('notice/chain');
        return roots.map((node) => ({ node }));
      } catch {
        return [];
      }
    }
    if (!('node' in item)) return [];
    return [...linesOf(item.node).map((l) => ({ ...l, file: item.node.file })), ...item.node.children.map((node) => ({ node }))];
  }

  getTreeItem(item: Item): vscode.TreeItem {
    if ('node' in item) {
      const n = item.node;
      const hasChildren = n.children.length > 0 || n.above.length > 0 || n.already.length > 0;
      const t = new vscode.TreeItem(n.number ?? '（无文号）', hasChildren ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
      t.description = [n.region ?? n.issuer ?? '', n.year !== undefined ? `${n.year}年` : ''].filter(Boolean).join(' ');
      t.tooltip = n.title ?? n.file;
      t.iconPath = new vscode.ThemeIcon(agrees(n) ? 'file' : 'warning');
      t.command = { command: 'vscode.open', title: '打开', arguments: [vscode.Uri.parse(n.file)] };
      return t;
    }
    const t = new vscode.TreeItem(item.line, vscode.TreeItemCollapsibleState.None);
    t.iconPath = new vscode.ThemeIcon(item.ok === undefined ? 'question' : item.ok ? 'pass' : 'error');
    t.tooltip = item.line;
    return t;
  }
}

export function registerChainView(context: vscode.ExtensionContext, getClient: () => BaseLanguageClient): void {
  const provider = new ChainProvider(getClient);
  let timer: ReturnType<typeof setTimeout> | undefined;
  context.subscriptions.push(
    vscode.window.registerTreeDataProvider('notice.chain', provider),
    vscode.commands.registerCommand('notice.chain.refresh', () => provider.refresh()),
    vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.path.endsWith('.notice'))) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => provider.refresh(), 500);
    }),
  );
}
