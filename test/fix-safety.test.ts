/**
 * A quick fix never overwrites a correct figure: where the parts of a total that does not add
 * up are themselves in doubt (a part that does not add up or breaks a relation, a deleted 小计
 * line, a total the total above agrees with), `sum-mismatch` is still reported but offers no
 * fix; where nothing speaks against the parts, the fix is offered.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../server/src/checks/index.js';
import { ROOT } from './lsp/harness.js';

const fixture = (name: string): string => readFileSync(join(ROOT, 'test/fixtures', name), 'utf8');

describe('sum-mismatch fixes', () => {
  it('are not offered where the parts are in doubt', () => {
    for (const name of ['sum-mismatch-unsound-parts.notice', 'formula-mismatch.notice']) {
      const sums = checkText(fixture(name)).diagnostics.filter((d) => d.code === 'sum-mismatch');
      expect(sums.length, name).toBeGreaterThan(0);
      for (const d of sums) {
        expect(d.message, name).toContain('不宜直接改合计');
        expect(d.fixes, `${name}: ${d.message}`).toBeUndefined();
      }
    }
  });

  it('are offered where the parts bear the sum out (a relation on the total row points at it)', () => {
    const sums = checkText(fixture('formula-mismatch-relation.notice')).diagnostics.filter((d) => d.code === 'sum-mismatch');
    const central = sums.find((d) => d.message.startsWith('合计 190 ≠ 各项之和 200'));
    expect(central?.fixes?.[0]?.edits[0]?.newText).toBe('200');
  });

  it('are offered where nothing speaks against the parts', () => {
    const text = '附件1 分配表：表\n  单位：万元\n  栏 本次：本次\n  合计   101\n    甲县   60\n    乙县   40\n';
    const [d] = checkText(text).diagnostics.filter((x) => x.code === 'sum-mismatch');
    expect(d?.fixes?.[0]?.edits[0]?.newText).toBe('100');
  });
});
