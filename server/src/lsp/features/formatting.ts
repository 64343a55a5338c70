/** Document and range formatting: the core formatter's edits as LSP edits. */
import type { TextEdit } from 'vscode-languageserver';
import { formatEdits, formatRangeEdits } from '../../format/index.js';
import type { Span } from '../../model/span.js';
import type { Analysis } from '../analysis.js';
import { toRange } from '../convert.js';

export function formatting(a: Analysis, range?: Span): TextEdit[] {
  const edits = range ? formatRangeEdits(a.text, range, a.result.file) : formatEdits(a.text, a.result.file);
  return edits.map((e) => ({ range: toRange(a.index, e.span), newText: e.newText }));
}
