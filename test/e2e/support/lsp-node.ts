/** A minimal LSP client on the bundled Node server over stdio (for comparisons). */
import { spawn } from 'node:child_process';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

export const CLIENT_CAPABILITIES = {
  textDocument: {
    publishDiagnostics: { relatedInformation: true },
    synchronization: { dynamicRegistration: false },
  },
  workspace: {},
};

export interface NodeServer {
  connection: ProtocolConnection;
  /** didOpen, then the first diagnostics published for that version. */
  diagnose(uri: string, text: string, languageId?: string): Promise<Diagnostic[]>;
  stop(): Promise<void>;
}

export async function startNodeServer(serverPath: string): Promise<NodeServer> {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map<string, { version: number; resolve: (d: Diagnostic[]) => void }>();
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
    const w = waiting.get(p.uri);
    if (w && (p.version === undefined || p.version === w.version)) {
      waiting.delete(p.uri);
      w.resolve(p.diagnostics);
    }
  });
  // Requests a client may get (none expected with these capabilities): answer them plainly.
  for (const m of ['workspace/configuration', 'client/registerCapability', 'window/workDoneProgress/create']) connection.onRequest(m, () => null);
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: CLIENT_CAPABILITIES });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    diagnose(uri, text, languageId = 'notice') {
      return new Promise<Diagnostic[]>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics from the Node server within 30 s; stderr: ${stderr}`)), 30_000);
        waiting.set(uri, { version: 1, resolve: (d) => (clearTimeout(timer), resolve(d)) });
        void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      });
    },
    async stop() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        /* gone */
      }
      connection.dispose();
      child.kill();
    },
  };
}

/** A diagnostic as a comparable string: code, range, severity, message. */
export function diagnosticKey(d: Diagnostic): string {
  const r = d.range;
  return `${String(d.code)} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} s${d.severity} ${d.message}`;
}
