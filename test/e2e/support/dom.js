// Code that runs in the page (VS Code's workbench), handed to page.evaluate. Plain
// JavaScript on purpose: the project's tsconfig has no DOM library (see dom.d.ts).

/** The rendered view-line of a 1-based line number in the editor matched by `editorSel`. */
function viewLineOf(editorSel, line) {
  const ed = document.querySelector(editorSel);
  if (!ed) throw new Error('no active editor');
  const num = [...ed.querySelectorAll('.margin-view-overlays .line-numbers')].find((n) => n.textContent.trim() === String(line));
  if (!num) throw new Error(`line ${line} is not rendered`);
  const top = num.parentElement.style.top;
  const view = [...ed.querySelectorAll('.view-lines .view-line')].find((v) => v.style.top === top);
  if (!view) throw new Error(`line ${line} has no view-line`);
  return { ed, top, view };
}

/** The document's text nodes of a view-line: inlay hints (injected, dyn-rule classes) left out. */
function documentTextNodes(view) {
  const nodes = [];
  const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
  let n;
  while ((n = walker.nextNode())) if (!n.parentElement.closest('[class*="dyn-rule"]')) nodes.push(n);
  return nodes;
}

// Each function below is serialized by Playwright on its own, so each repeats the helpers.
const HELPERS = `${viewLineOf}\n${documentTextNodes}`;

export const lineTextInPage = new Function('arg', `${HELPERS}
  const { view } = viewLineOf(arg.editorSel, arg.line);
  return documentTextNodes(view).map((n) => n.textContent).join('').replace(/\\u00a0/g, ' ');`);

export const textBoxInPage = new Function('arg', `${HELPERS}
  const { view } = viewLineOf(arg.editorSel, arg.line);
  const nodes = documentTextNodes(view);
  const full = nodes.map((n) => n.textContent).join('').replace(/\\u00a0/g, ' ');
  const start = full.indexOf(arg.text, arg.from);
  if (start < 0) throw new Error('"' + arg.text + '" is not on line ' + arg.line + ': ' + full);
  const end = start + arg.text.length;
  const range = document.createRange();
  let pos = 0;
  let started = false;
  for (const n of nodes) {
    const len = n.textContent.length;
    if (!started && start < pos + len) { range.setStart(n, start - pos); started = true; }
    if (started && end <= pos + len) { range.setEnd(n, end - pos); break; }
    pos += len;
  }
  const r = range.getBoundingClientRect();
  return { x: r.x, y: r.y, width: r.width, height: r.height };`);

export const squigglesInPage = new Function('arg', `${HELPERS}
  let found;
  try { found = viewLineOf(arg.editorSel, arg.line); } catch { return []; }
  const rows = [...found.ed.querySelectorAll('.view-overlays > div')].filter((d) => d.style.top === found.top);
  return rows
    .flatMap((r) => [...r.querySelectorAll('.squiggly-' + arg.kind)])
    .map((s) => s.getBoundingClientRect())
    .map((b) => ({ left: b.left, width: b.width }));`);

/**
 * In the preview's page that shows `arg.text` (undefined elsewhere, or while it loads): the panel's width, the
 * laid-out width of its content, and each table's box, its last column's right edge and the
 * on-screen height of its text, as the official sees them (after the page's own scaling).
 */
export const measurePreview = new Function('arg', `
  if (document.readyState !== 'complete' || !document.querySelector('.page')) return undefined;
  if (!document.body.textContent.includes(arg.text)) return undefined;
  const tables = [...document.querySelectorAll('.page table')].map((t) => {
    const box = t.getBoundingClientRect();
    const cells = [...t.querySelectorAll('tr')].map((r) => r.lastElementChild).filter((c) => c);
    const lastCellRight = Math.max(...cells.map((c) => c.getBoundingClientRect().right));
    const cell = [...t.querySelectorAll('td')].find((c) => c.textContent.trim() !== '');
    let fontPx = 0;
    if (cell) {
      const range = document.createRange();
      range.selectNodeContents(cell);
      fontPx = Math.min(...[...range.getClientRects()].map((r) => r.height));
    }
    return { head: (t.querySelector('th, td')?.textContent ?? '').trim(), left: box.left, right: box.right, lastCellRight, fontPx };
  });
  if (tables.length === 0) return undefined;
  return { viewWidth: document.documentElement.clientWidth, scrollWidth: document.documentElement.scrollWidth, tables };`);
