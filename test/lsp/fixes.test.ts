/**
 * The before/after pairs of test/fixes through the server: open `<code>.notice`, ask for the
 * code actions at its first diagnostic of that code as an editor does, apply the action
 * that fixes every such diagnostic (or the only quick fix when there is one), compare with
 * `<code>.fixed.notice`, send the change and see the diagnostics of that code gone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeActionRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { DIAGNOSTIC_CODES } from '../../server/src/checks/index.js';
import { applyLspEdits, ROOT, TestClient, uriOf } from './harness.js';

const DIR = join(ROOT, 'test', 'fixes');
const pairs = readdirSync(DIR)
  .filter((f) => f.endsWith('.notice') && !f.endsWith('.fixed.notice'))
  .sort()
  .map((name) => {
    const base = name.replace(/\.notice$/, '');
    const code = [...DIAGNOSTIC_CODES].sort((a, b) => b.length - a.length).find((c) => base === c || base.startsWith(`${c}-`))!;
    return { name, code, before: readFileSync(join(DIR, name), 'utf8'), after: readFileSync(join(DIR, `${base}.fixed.notice`), 'utf8') };
  });

let client: TestClient;
beforeAll(async () => {
  client = await TestClient.start();
});
afterAll(async () => {
  await client?.stop();
});

describe('quick fixes over the protocol', () => {
  for (const { name, code, before, after } of pairs) {
    it(`${name}: the quick fix gives ${name.replace(/\.notice$/, '.fixed.notice')}`, async () => {
      const uri = uriOf(`fixes-${name}`);
      await client.open(uri, before, 1);
      const pub = await client.diagnostics(uri, (p) => p.version === 1);
      const mine = pub.diagnostics.filter((d: Diagnostic) => d.code === code);
      expect(mine.length).toBeGreaterThan(0);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: mine[0]!.range,
        context: { diagnostics: [mine[0]!], only: ['quickfix'] },
      })) as CodeAction[];
      const action = mine.length > 1 ? actions.find((a) => a.title.startsWith('修正本文件中全部')) : actions[0];
      expect(action, JSON.stringify(actions.map((a) => a.title))).toBeDefined();
      const fixed = applyLspEdits(before, action!.edit!.changes![uri]!);
      expect(fixed).toBe(after);
      await client.replace(uri, 2, fixed);
      const again = await client.diagnostics(uri, (p) => p.version === 2);
      expect(again.diagnostics.filter((d: Diagnostic) => d.code === code)).toEqual([]);
      await client.close(uri);
    });
  }
});
