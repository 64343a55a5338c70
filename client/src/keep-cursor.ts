/**
 * Format Document keeps the cursor where the text around it did not move. The server's edits
 * are runs of blanks and leave the cursor alone, but VS Code's text buffer merges a batch of
 * 1,000 edits or more into one edit spanning them all (a guard against slow edits), and the
 * cursor inside that span is pushed to its end: the end of a table of 300 rows or more. So,
 * for such a batch, the client works out where each selection goes (shifted by the edits
 * before it) and puts it back once the edits are applied.
 */
import * as vscode from 'vscode';

/** VS Code's text buffer merges batches of this many edits or more into one. */
const MERGED_FROM = 1000;

/** Where `offset` of the old text is after the edits (ascending, not overlapping). */
function shifted(offset: number, edits: readonly { start: number; end: number; text: string }[]): number {
  let delta = 0;
  for (const e of edits) {
    if (e.end <= offset && e.start < offset) delta += e.text.length - (e.end - e.start);
    else if (e.start < offset && offset < e.end) return e.start + delta + Math.min(offset - e.start, e.text.length);
    else break;
  }
  return offset + delta;
}

export function keepCursor(document: vscode.TextDocument, edits: readonly vscode.TextEdit[] | null | undefined): void {
  if (!edits || edits.length < MERGED_FROM) return;
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
  if (!editor) return;
  const version = document.version;
  const sorted = edits.map((e) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), text: e.newText })).sort((a, b) => a.start - b.start);
  const wanted = editor.selections.map((s) => ({ anchor: shifted(document.offsetAt(s.anchor), sorted), active: shifted(document.offsetAt(s.active), sorted) }));
  const listener = vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.document !== document || e.document.version === version) return;
    listener.dispose();
    clearTimeout(timer);
    editor.selections = wanted.map((w) => new vscode.Selection(document.positionAt(w.anchor), document.positionAt(w.active)));
    editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  });
  // The edits may never be applied (the user typed meanwhile, the request was cancelled).
  const timer = setTimeout(() => listener.dispose(), 10_000);
}
