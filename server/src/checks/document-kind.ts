/**
 * `document-kind`: what a block says the document is disagrees with what its 标题 says, or its
 * `类别：` names no kind. A title ends with the document's 文种 (GB/T 9704-2012 §7.3.1: 发文机关,
 * 事由, 文种), so a `通知` block whose 标题 ends in 公示 (or a `公示` block whose 标题 ends in 通知)
 * is written as the other block and would be printed as the other document; its fix changes the
 * block's keyword, never a figure. A `类别` that names another kind than the title
 * (`类别：清算` under “关于预下达……的通知”) is a warning without a fix: which of the two is wrong
 * is the writer's to say. 预下达 and 提前下达 are the same kind here (money issued ahead).
 */
import type { NoticeModel } from '../model/types.js';
import type { Check } from './context.js';

/** The 文种 a 标题 ends with, if it is one a block can be. */
function titleGenre(title: string): '通知' | '公示' | undefined {
  const t = title.trim();
  if (t.endsWith('通知')) return '通知';
  if (t.endsWith('公示')) return '公示';
  return undefined;
}

const advance = (k: string): string => (k === '提前下达' ? '预下达' : k);

/** The kind the 标题 names (its words), if it names one. */
function titleKind(n: NoticeModel): string | undefined {
  const title = n.fields.get('标题')?.value.text ?? '';
  for (const k of ['提前下达', '预下达', '清算']) if (title.includes(k)) return k;
  return undefined;
}

export const checkDocumentKind: Check = (ctx, report) => {
  for (const p of ctx.model.problems) {
    if (p.code === 'document-kind') report({ code: 'document-kind', severity: p.severity, span: p.span, message: p.message });
  }
  for (const n of ctx.model.notices) {
    const block = n.node.keyword;
    const titleField = n.fields.get('标题');
    const genre = titleField ? titleGenre(titleField.value.text) : undefined;
    if (genre && genre !== block.text) {
      report({
        code: 'document-kind',
        severity: 'warning',
        span: block,
        message:
          genre === '公示'
            ? '标题以“公示”结尾，这是一份公示，却写成了“通知”块：公示写“公示”块（不印版头）'
            : '标题以“通知”结尾，这是一份通知，却写成了“公示”块：通知写“通知 文号”块',
        related: [{ span: titleField!.value, message: '标题' }],
        fixes: [{ title: `改为“${genre}”块`, edits: [{ span: { start: block.start, end: block.end }, newText: genre }] }],
      });
    }
    const declared = n.fields.get('类别');
    const named = titleKind(n);
    if (declared && n.kind !== '公示' && n.kindSpan && named && advance(named) !== advance(n.kind)) {
      report({
        code: 'document-kind',
        severity: 'warning',
        span: n.kindSpan,
        message: `类别写的是“${n.kind}”，标题说的是“${named}”：请核对是哪一种通知`,
        related: [{ span: titleField!.value, message: '标题' }],
      });
    }
  }
};
