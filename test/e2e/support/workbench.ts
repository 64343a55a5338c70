/**
 * What an official does in VS Code, as key presses and clicks on the page, and what they
 * see, read back from the DOM. Selectors are those of VS Code 1.100 (code-server 4.100.3).
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { lineTextInPage, squigglesInPage, textBoxInPage } from './dom.js';
import { pollUntil } from './poll.js';

export const SEL = {
  workbench: '.monaco-workbench',
  editor: '.editor-group-container.active .monaco-editor',
  activeTab: '.editor-group-container.active .tab.active',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRow: '.quick-input-widget .quick-input-list .monaco-list-row',
  squiggleError: '.editor-group-container.active .monaco-editor .squiggly-error',
  hover: '.monaco-hover-content',
  suggestRow: '.suggest-widget.visible .monaco-list-row',
  actionRow: '.action-widget .monaco-list-row.action',
  problemsStatus: '#status\\.problems',
  problemsRow: '.markers-panel .monaco-list-row',
  cursorStatus: '#status\\.editor\\.selection',
  outlineRow: '.outline-pane .monaco-list-row, .pane-body .outline-tree .monaco-list-row',
};

export async function openWorkbench(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, reducedMotion: 'reduce', locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(url);
  await page.locator(SEL.workbench).waitFor({ state: 'visible', timeout: 60_000 });
  // The explorer shows the workspace once the remote side is connected.
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
  await noAnimations(page);
  return page;
}

export async function noAnimations(page: Page): Promise<void> {
  await page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; animation: none !important; }' });
}

/** Ctrl+P, the file name, Enter; resolves when its editor is active and shows text. */
export async function quickOpen(page: Page, fileName: string): Promise<void> {
  await focusWorkbench(page);
  await page.keyboard.press('Control+P');
  const box = page.locator(SEL.quickInputBox);
  await box.waitFor({ state: 'visible' });
  await box.fill(fileName);
  // A click on the file's row: Enter takes the focused row, which may still be the one listed
  // before the filter applied (the file opened last).
  await page.locator(SEL.quickInputRow, { hasText: fileName }).first().click();
  await page.locator(SEL.activeTab, { hasText: fileName }).waitFor({ state: 'visible' });
  await page.locator(`${SEL.editor} .view-line`).first().waitFor({ state: 'visible' });
  await page.locator(SEL.quickInput).waitFor({ state: 'hidden' });
}

async function focusWorkbench(page: Page): Promise<void> {
  await page.locator(SEL.workbench).focus().catch(() => undefined);
}

/** F1, the command's label, Enter (the first match). */
export async function runCommand(page: Page, label: string): Promise<void> {
  await page.keyboard.press('F1');
  const box = page.locator(SEL.quickInputBox);
  await box.waitFor({ state: 'visible' });
  await box.fill(`>${label}`);
  await page.locator(SEL.quickInputRow, { hasText: label }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await page.locator(SEL.quickInput).waitFor({ state: 'hidden' });
}

/** Commands whose label contains `text`, as the command palette lists them. */
export async function findCommands(page: Page, text: string): Promise<string[]> {
  await page.keyboard.press('F1');
  const box = page.locator(SEL.quickInputBox);
  await box.waitFor({ state: 'visible' });
  await box.fill(`>${text}`);
  // The list settles quickly; wait until it is either non-empty or says there are none.
  await pollUntil('command palette results', 5000, async () =>
    (await page.locator(SEL.quickInputRow).count()) > 0 || (await page.locator('.quick-input-message', { hasText: /No matching|没有匹配/ }).isVisible()),
  ).catch(() => undefined);
  const labels = await page.locator(`${SEL.quickInputRow} .label-name`).allInnerTexts();
  await page.keyboard.press('Escape');
  return labels;
}

/** Ctrl+G L:C Enter, and wait until the status bar shows the cursor there. */
export async function gotoLine(page: Page, line: number, column = 1): Promise<void> {
  await page.keyboard.press('Control+G');
  const box = page.locator(SEL.quickInputBox);
  await box.waitFor({ state: 'visible' });
  await box.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator(SEL.quickInput).waitFor({ state: 'hidden' });
  await pollUntil(`cursor at ${line}:${column}`, 10_000, async () => {
    const t = await page.locator(SEL.cursorStatus).innerText();
    return new RegExp(`\\b${line}\\D+${column}\\b`).test(t);
  });
}

/** The text of a rendered line (must be in view; gotoLine first), spaces as spaces. */
export async function lineText(page: Page, line: number): Promise<string> {
  return page.evaluate(lineTextInPage, { editorSel: SEL.editor, line });
}

/** The page box of `text` (its first occurrence at or after `from`) on a rendered line. */
export async function textBox(page: Page, line: number, text: string, from = 0): Promise<{ x: number; y: number; width: number; height: number }> {
  return page.evaluate(textBoxInPage, { editorSel: SEL.editor, line, text, from });
}

/**
 * Rest the mouse on `text` of a rendered line until its hover shows, and return the hover.
 * A hover can be dismissed by a late scroll or re-render, and a mouse already resting
 * there fires no new move: each try moves off the word first, then back onto it.
 */
export async function hoverOver(page: Page, line: number, text: string): Promise<Locator> {
  const hover = page.locator(SEL.hover).filter({ hasText: text }).first();
  await pollUntil(`the hover on ${text}`, 30_000, async () => {
    const box = await textBox(page, line, text);
    await page.mouse.move(box.x + box.width + 600, box.y + box.height / 2); // past the line's end: no hover
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
    return hover.waitFor({ state: 'visible', timeout: 4_000 }).then(() => true, () => false);
  });
  return hover;
}

/** The boxes of the squiggles of one kind on a rendered line (gotoLine first). */
export async function squigglesOnLine(page: Page, line: number, kind = 'error'): Promise<{ left: number; width: number }[]> {
  return page.evaluate(squigglesInPage, { editorSel: SEL.editor, line, kind });
}

export function problemsPanel(page: Page): Locator {
  return page.locator('.markers-panel');
}

/** Ctrl+Shift+M, and the rows of the Problems panel once it lists something. */
export async function openProblems(page: Page): Promise<void> {
  if (!(await problemsPanel(page).isVisible())) await page.keyboard.press('Control+Shift+M');
  await problemsPanel(page).waitFor({ state: 'visible' });
}

export interface ProblemRow { message: string; code: string; line: number; column: number; severity: string }

/**
 * The markers the Problems panel lists (open it first). Related-information rows are
 * collapsed first (Collapse All) so every marker of the file fits in the visible list.
 */
export async function problemRows(page: Page): Promise<ProblemRow[]> {
  // Collapse All folds everything; then unfold the files (level 1) only.
  const collapse = page.locator('.part.panel .title-actions a.codicon-collapse-all');
  if (await collapse.isVisible()) await collapse.click();
  const files = page.locator(`${SEL.problemsRow}[aria-level="1"][aria-expanded="false"] .monaco-tl-twistie`);
  for (let i = await files.count(); i > 0; i--) await files.first().click();
  return page.locator(SEL.problemsRow).evaluateAll((rows) =>
    rows
      .filter((r) => r.querySelector('.marker-message'))
      .map((r) => {
        const pos = /(\d+)\D+(\d+)/.exec(r.querySelector('.marker-line')?.textContent ?? '') ?? [];
        const icon = r.querySelector('.codicon-error, .codicon-warning, .codicon-info')?.className ?? '';
        return {
          message: r.querySelector('.marker-message')?.textContent ?? '',
          code: (r.querySelector('.marker-code')?.textContent ?? '').replace(/^.*\((.*)\)$/, '$1'),
          line: Number(pos[1] ?? 0),
          column: Number(pos[2] ?? 0),
          severity: /error/.test(icon) ? 'error' : /warning/.test(icon) ? 'warning' : /info/.test(icon) ? 'info' : icon,
        };
      }),
  );
}

/** Polls the Problems panel until `ok` holds for its rows; returns them. */
export async function waitForProblems(page: Page, what: string, ok: (rows: ProblemRow[]) => boolean, timeoutMs = 30_000): Promise<ProblemRow[]> {
  let last: ProblemRow[] = [];
  try {
    return await pollUntil(what, timeoutMs, async () => {
      last = await problemRows(page);
      return ok(last) && last;
    }, 200);
  } catch (e) {
    throw new Error(`${(e as Error).message}\nProblems panel: ${JSON.stringify(last, null, 1)}`);
  }
}

/**
 * Chooses the entry of the open action widget (quick fix menu) whose text contains `label`,
 * with the keyboard: arrows until it is focused, then Enter.
 */
export async function chooseAction(page: Page, label: string): Promise<void> {
  const rows = page.locator(SEL.actionRow);
  await rows.filter({ hasText: label }).first().waitFor({ state: 'visible' });
  const n = await rows.count();
  for (let i = 0; i <= n; i++) {
    const focused = page.locator(`${SEL.actionRow}.focused`);
    if ((await focused.count()) > 0 && (await focused.first().innerText()).includes(label)) {
      await page.keyboard.press('Enter');
      await page.locator('.action-widget').waitFor({ state: 'hidden' });
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no action "${label}" in: ${(await rows.allInnerTexts()).join(' | ')}`);
}

/** Errors and warnings as the status bar shows them (`#status.problems`). */
export async function problemCounts(page: Page): Promise<{ errors: number; warnings: number }> {
  const label = (await page.locator(SEL.problemsStatus).getAttribute('aria-label')) ?? (await page.locator(SEL.problemsStatus).innerText());
  const nums = [...label.matchAll(/\d+/g)].map((m) => Number(m[0]));
  return { errors: nums[0] ?? 0, warnings: nums[1] ?? 0 };
}

/**
 * Every marker of the Problems panel, by the name of its file (open the panel first): the
 * rows of each file follow its own row, as the panel lists them.
 */
export async function problemRowsByFile(page: Page): Promise<Record<string, ProblemRow[]>> {
  await problemRows(page); // collapses the related information, unfolds the files
  const rows = await page.locator(SEL.problemsRow).evaluateAll((els) =>
    els.map((r) => ({
      file: r.getAttribute('aria-level') === '1' ? (r.querySelector('.label-name')?.textContent ?? '').trim() : undefined,
      message: r.querySelector('.marker-message')?.textContent ?? undefined,
      code: (r.querySelector('.marker-code')?.textContent ?? '').replace(/^.*\((.*)\)$/, '$1'),
      pos: r.querySelector('.marker-line')?.textContent ?? '',
    })),
  );
  const out: Record<string, ProblemRow[]> = {};
  let file: string | undefined;
  for (const r of rows) {
    if (r.file !== undefined) out[(file = r.file)] ??= [];
    else if (file !== undefined && r.message !== undefined) {
      const pos = /(\d+)\D+(\d+)/.exec(r.pos) ?? [];
      out[file]!.push({ message: r.message, code: r.code, line: Number(pos[1] ?? 0), column: Number(pos[2] ?? 0), severity: '' });
    }
  }
  return out;
}

/** A view of the side bar by its title (`资金链`): its pane, once its header is shown. */
export function viewPane(page: Page, title: string): Locator {
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: title }) });
}

/**
 * Opens a view of the Explorer as an official does: the Explorer (Ctrl+Shift+E), then a click
 * on the view's header if it is folded. Folds the other panes of the Explorer so the view's
 * tree has the height to show all its rows (the list draws only the rows in view).
 */
export async function openExplorerView(page: Page, title: string): Promise<Locator> {
  const pane = viewPane(page, title);
  if (!(await pane.isVisible())) await page.keyboard.press('Control+Shift+E');
  await pane.waitFor({ state: 'visible' });
  const headers = page.locator('.explorer-viewlet .pane-header[aria-expanded="true"]');
  for (let i = await headers.count(); i > 0; i--) {
    const open = headers.filter({ hasNotText: title });
    if ((await open.count()) === 0) break;
    await open.first().click();
  }
  const header = pane.locator('.pane-header');
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  await pollUntil(`the ${title} view unfolded`, 10_000, async () => (await header.getAttribute('aria-expanded')) === 'true');
  return pane;
}

export interface TreeRow { level: number; label: string; description: string; icon: string }

/** The rows a tree view shows: depth, label, description and the codicon of its icon. */
export async function treeRows(pane: Locator): Promise<TreeRow[]> {
  return pane.locator('.monaco-list-row').evaluateAll((rows) =>
    rows.map((r) => ({
      level: Number(r.getAttribute('aria-level') ?? 0),
      label: (r.querySelector('.label-name')?.textContent ?? '').trim(),
      description: (r.querySelector('.label-description')?.textContent ?? '').trim(),
      icon: /codicon-([\w-]+)/.exec(r.querySelector('.custom-view-tree-node-item-icon')?.className ?? '')?.[1] ?? '',
    })),
  );
}

/** The message a tree view shows above its rows (TreeView.message), or '' when none. */
export async function treeMessage(pane: Locator): Promise<string> {
  const m = pane.locator('.message:not(.hide)');
  return (await m.count()) > 0 ? (await m.first().innerText()).trim() : '';
}
