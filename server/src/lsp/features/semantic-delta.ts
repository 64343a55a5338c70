/**
 * Semantic-token deltas: on a large file an edit changes a few tokens, and sending the whole
 * array again (five numbers per token, hundreds of thousands on a national table) is most of
 * the cost of a keystroke. Each full answer gets a result id; a delta request for that id
 * gets the one edit that turns the previous array into the new one (the common prefix and
 * suffix kept), or the full array when the id is not the last one sent.
 */
import type { SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver';

export class SemanticTokenCache {
  private readonly last = new Map<string, { resultId: string; data: number[] }>();
  private next = 1;

  /** A full answer, remembered for the next delta. */
  full(uri: string, tokens: SemanticTokens): SemanticTokens {
    const resultId = String(this.next++);
    this.last.set(uri, { resultId, data: tokens.data });
    return { resultId, data: tokens.data };
  }

  /** The edit from `previousResultId`'s array to `tokens`, or the full answer when that is not the last one sent. */
  delta(uri: string, previousResultId: string, tokens: SemanticTokens): SemanticTokens | SemanticTokensDelta {
    const before = this.last.get(uri);
    if (!before || before.resultId !== previousResultId) return this.full(uri, tokens);
    const a = before.data;
    const b = tokens.data;
    let start = 0;
    while (start < a.length && start < b.length && a[start] === b[start]) start++;
    let endA = a.length;
    let endB = b.length;
    while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
      endA--;
      endB--;
    }
    const resultId = String(this.next++);
    this.last.set(uri, { resultId, data: b });
    if (start === a.length && start === b.length) return { resultId, edits: [] };
    return { resultId, edits: [{ start, deleteCount: endA - start, data: b.slice(start, endB) }] };
  }

  forget(uri: string): void {
    this.last.delete(uri);
  }
}
