/**
 * Keyword completion reads the keyword table (grammar's `KEYWORDS`); what it adds per keyword
 * (where it is offered, its detail, what follows it) is `KEYWORD_OFFERS`, which must have an entry
 * for every keyword and none for a word that is not one.
 */
import { CompletionItemKind } from 'vscode-languageserver-protocol';
import { describe, expect, it } from 'vitest';
import { KEYWORDS } from '../../grammar/index.js';
import { analyse } from '../../server/src/lsp/analysis.js';
import { completion, KEYWORD_OFFERS } from '../../server/src/lsp/features/completion.js';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings.js';

/** The completion items at the `|` of `text`: label, detail and inserted text, in order. */
function itemsAt(withCursor: string): { label: string; detail?: string; insert: string }[] {
  const offset = withCursor.indexOf('|');
  const text = withCursor.replace('|', '');
  const list = completion(analyse('file:///keywords.notice', 1, text, DEFAULT_SETTINGS), offset, DEFAULT_SETTINGS);
  // The skeletons (snippets) offered beside the keywords are tested in test/lsp/desk.test.ts.
  return (list?.items ?? []).filter((i) => i.kind !== CompletionItemKind.Snippet).map((i) => ({ label: i.label, ...(i.detail ? { detail: i.detail } : {}), insert: (i.textEdit as { newText: string }).newText }));
}

describe('keyword completion', () => {
  it('has an entry for every keyword in KEYWORDS, and none for another word', () => {
    expect(Object.keys(KEYWORD_OFFERS).sort(), 'add the keyword to KEYWORD_OFFERS in server/src/lsp/features/completion.ts').toEqual([...KEYWORDS.keys()].sort());
  });

  it('offers the block headers at the top level, numbered after the attachments written', () => {
    expect(itemsAt('|')).toEqual([
      { label: '通知', detail: '通知块：通知 文号', insert: '通知 ' },
      { label: '附件1 分配表', detail: '资金分配表', insert: '附件1 分配表：' },
      { label: '附件1 绩效目标表', detail: '绩效目标表', insert: '附件1 绩效目标表：' },
      { label: '公示', detail: '公示块：分配结果的公示（不编文号）', insert: '公示' },
    ]);
    expect(itemsAt('附件1 分配表：表\n  单位：万元\n  栏 a：a\n\n  合计  1\n\n|').map((i) => i.label)).toEqual(['通知', '附件2 分配表', '附件2 绩效目标表', '公示']);
  });

  it('offers 正文 after a notice\'s fields until the notice has one, and 栏, 栏组 after a table\'s', () => {
    const notice = itemsAt('通知 测〔2023〕1号\n  年度：2023\n  |');
    expect(notice.at(-1)).toEqual({ label: '正文', detail: '通知字段', insert: '正文' });
    expect(itemsAt('通知 测〔2023〕1号\n  年度：2023\n  |\n  正文\n    文字\n').map((i) => i.label)).not.toContain('正文');
    expect(itemsAt('附件1 分配表：表\n  |').slice(-2)).toEqual([
      { label: '栏 ', detail: '分配表字段', insert: '栏 ' },
      { label: '栏组 ', detail: '分配表字段', insert: '栏组 ' },
    ]);
  });

  it('offers a table\'s columns after `金额 = 附件N.`, the single attachment `附件.` included', () => {
    const table = (label: string): string => `${label} 分配表：表\n  单位：万元\n  栏 甲：甲\n  栏 乙：乙\n\n  合计  1  1\n`;
    expect(itemsAt(`通知 测〔2023〕1号\n  金额：1万元 = 附件1.|\n\n${table('附件1')}`).map((i) => [i.label, i.detail])).toEqual([['甲', '附件1 的栏'], ['乙', '附件1 的栏']]);
    expect(itemsAt(`通知 测〔2023〕1号\n  金额：1万元 = 附件.|\n\n${table('附件')}`).map((i) => [i.label, i.detail])).toEqual([['甲', '附件 的栏'], ['乙', '附件 的栏']]);
  });
});
