/**
 * Where each diagnostic code is documented: the line of its row in docs/language.md's
 * “检查项一览” table, as a link an editor opens at that line (`file:///…/language.md#L380`;
 * VS Code and most editors read the `#L` fragment as a line to show). Pure and import-free,
 * so that the VS Code client (which reads the packaged docs with its own file API, also in a
 * browser) and the Node server (for other editors) build the same links.
 */

/** `code → href` for every code whose row the table has; `docsUri` is the document's URI. */
export function codeDocLinks(docsUri: string, markdown: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = markdown.split(/\r?\n/);
  const from = lines.findIndex((l) => /^##\s*检查项一览/.test(l));
  if (from < 0) return out;
  for (let i = from; i < lines.length; i++) {
    const m = /^\|\s*`([\w-]+)`\s*\|/.exec(lines[i]!);
    if (m && !(m[1]! in out)) out[m[1]!] = `${docsUri}#L${i + 1}`;
  }
  return out;
}
