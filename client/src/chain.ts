/**
 * The 资金链 view in the Explorer: the workspace's notices as trees by their 依据 (ministry →
 * province → city → county), each with its links' figures, from the server's `notice/chain`
 * (server/src/lsp/features/chain.ts). The words of the links and of the summary above the tree
 * are the core's (chain-tree.ts: the same as `notice chain` prints); here they get icons and
 * the verdict as the first word of their labels (相符 / 不符 / 未核对), so a mismatch is seen
 * without telling colours apart. Refreshed by its title button, when the diagnostics of a notice change (an
 * edit re-checks the notices that cite it) and when a .notice file is created, changed or
 * deleted on disk. A click on a notice or on one of its links opens the notice.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { chainSummary, differingIn, linkLines, ownDiffering, type ChainNode, type LinkVerdict } from '../../server/src/checks/chain-words.js';

type Item = { node: ChainNode } | { text: string; verdict: LinkVerdict; file: string };

const VERDICTS: Readonly<Record<LinkVerdict, { word: string; icon: string; color: string }>> = {
  agrees: { word: '相符', icon: 'pass', color: 'testing.iconPassed' },
  differs: { word: '不符', icon: 'error', color: 'problemsErrorIcon.foreground' },
  unchecked: { word: '未核对', icon: 'question', color: 'problemsInfoIcon.foreground' },
};

function openCommand(file: string): vscode.Command {
  return { command: 'vscode.open', title: '打开通知', arguments: [vscode.Uri.parse(file)] };
}

/** What does not agree: `2 处不符` (its own links), `下级 1 处不符` (below it only), or ''. */
function stateOf(n: ChainNode): string {
  const own = ownDiffering(n);
  const below = differingIn(n.children);
  return own > 0 ? `${own} 处不符` : below > 0 ? `下级 ${below} 处不符` : '';
}

/** `南昌市 2023年 2 处不符`. */
function nodeDescription(n: ChainNode): string {
  return [n.region ?? n.issuer ?? '', n.year !== undefined ? `${n.year}年` : '', stateOf(n)].filter(Boolean).join(' ');
}

class ChainProvider implements vscode.TreeDataProvider<Item> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Set once the view exists: the summary (or why there is no tree) is shown above the tree. */
  view: vscode.TreeView<Item> | undefined;
  constructor(private readonly getClient: () => BaseLanguageClient) {}

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(item?: Item): Promise<Item[]> {
    if (!item) {
      try {
        const roots = await this.getClient().sendRequest<ChainNode[]>('notice/chain');
        this.setMessage(roots.length === 0 ? '工作区中没有通知（.notice 文件）' : chainSummary(roots, '工作区'));
        return roots.map((node) => ({ node }));
      } catch (err) {
        this.setMessage(`资金链未能生成：通知语言服务未运行（${err instanceof Error ? err.message : String(err)}）`);
        return [];
      }
    }
    if (!('node' in item)) return [];
    const file = item.node.file;
    return [...linkLines(item.node, '工作区').map((l) => ({ ...l, file })), ...item.node.children.map((node) => ({ node }))];
  }

  private setMessage(message: string): void {
    if (this.view) this.view.message = message;
  }

  getTreeItem(item: Item): vscode.TreeItem {
    if ('node' in item) {
      const n = item.node;
      const hasChildren = n.children.length > 0 || n.above.length > 0 || n.already.length > 0;
      const t = new vscode.TreeItem(n.number ?? '（无文号）', hasChildren ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
      t.description = nodeDescription(n);
      t.tooltip = [n.title, [n.issuer, stateOf(n)].filter(Boolean).join('，'), vscode.workspace.asRelativePath(vscode.Uri.parse(n.file))].filter(Boolean).join('\n');
      const ok = ownDiffering(n) === 0 && differingIn(n.children) === 0;
      t.iconPath = ok ? new vscode.ThemeIcon('file') : new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
      t.command = openCommand(n.file);
      return t;
    }
    // The verdict opens the label: the side bar is narrow, and the end of a link's words is
    // often cut off (the tooltip holds them whole).
    const v = VERDICTS[item.verdict];
    const label = `${v.word}：${item.text}`;
    const t = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    t.iconPath = new vscode.ThemeIcon(v.icon, new vscode.ThemeColor(v.color));
    t.tooltip = label;
    t.command = openCommand(item.file);
    return t;
  }
}

export function registerChainView(context: vscode.ExtensionContext, getClient: () => BaseLanguageClient): void {
  const provider = new ChainProvider(getClient);
  const view = vscode.window.createTreeView('notice.chain', { treeDataProvider: provider, showCollapseAll: true });
  provider.view = view;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const soon = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => provider.refresh(), 500);
  };
  const files = vscode.workspace.createFileSystemWatcher('**/*.notice');
  context.subscriptions.push(
    view,
    files,
    files.onDidCreate(soon),
    files.onDidChange(soon),
    files.onDidDelete(soon),
    vscode.commands.registerCommand('notice.chain.refresh', () => provider.refresh()),
    vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.path.endsWith('.notice'))) soon();
    }),
  );
}
