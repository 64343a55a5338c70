/**
 * Applying quick fixes the way an editor does: the edits of the chosen fixes must not
 * overlap, and are applied from the end of the text so earlier offsets stay valid.
 */
import type { Diagnostic, TextEdit } from '../../server/src/checks/index.js';

/** The edits of the first fix of every diagnostic with `code`. */
export function firstFixEdits(diagnostics: readonly Diagnostic[], code: string): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const d of diagnostics) {
    if (d.code !== code) continue;
    const fix = d.fixes?.[0];
    if (fix) edits.push(...fix.edits);
  }
  return edits;
}

/**
 * Applies non-overlapping edits; throws when two overlap (an editor would refuse too).
 * Inserts at the same offset end up in the order given, as in an LSP workspace edit.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end || b.i - a.i);
  for (let i = 1; i < sorted.length; i++) {
    const later = sorted[i - 1]!;
    const earlier = sorted[i]!;
    if (earlier.span.end > later.span.start) {
      throw new Error(`overlapping edits: [${earlier.span.start},${earlier.span.end}) and [${later.span.start},${later.span.end})`);
    }
  }
  let out = text;
  for (const e of sorted) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}
