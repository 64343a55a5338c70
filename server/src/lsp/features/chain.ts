/**
 * `notice/chain`: the notices of the workspace (and of `notice.noticeFolders`) as trees by
 * their 依据, with each link's figures (../../checks/chain-tree.ts), for the client's 资金链
 * view. The answer is plain JSON (the `ChainNode` tree). It waits for the first scan of the
 * workspace: asked before it, it would show a folder of notices as empty.
 */
import type { Connection } from 'vscode-languageserver';
import { chainTree, type ChainNode } from '../../checks/chain-tree.js';
import type { WorkspaceIndex } from '../workspace-index.js';

export const CHAIN_REQUEST = 'notice/chain';

export function registerChain(connection: Connection, workspace: WorkspaceIndex, scanned: Promise<void>, log: (message: string) => void): void {
  connection.onRequest(CHAIN_REQUEST, async (): Promise<ChainNode[]> => {
    await scanned;
    try {
      return chainTree(workspace.all(), workspace);
    } catch (err) {
      log(`资金链未能生成：${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      return [];
    }
  });
}
