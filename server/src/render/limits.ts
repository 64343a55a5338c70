/**
 * What the renderers refuse, and why: a table too long for the format to be of use. Word lays
 * out every row of a table before it shows the first page, and the `docx` writer holds the
 * whole document as objects; past some tens of thousands of rows neither is usable (measured
 * in bench/render.mjs: 10,000 rows take seconds and a few hundred MB, 200,000 rows would take
 * gigabytes). Such a table is refused with a message that says what to do instead; Excel and
 * HTML take it.
 */
import type { NoticeModel } from '../model/types.js';

/** A render the renderer declines, with the message (Chinese, for the user) saying why and what to do. */
export class RenderRefusal extends Error {
  override readonly name = 'RenderRefusal';
}

/** The most rows of one table a Word document is written with. */
export const MAX_WORD_ROWS = 50_000;

/** Throws a `RenderRefusal` when a table of `n` has more rows than Word is written with. */
export function assertWordSize(n: NoticeModel): void {
  for (const t of n.tables) {
    const rows = t.allRows.length;
    if (rows > MAX_WORD_ROWS) {
      throw new RenderRefusal(
        `${t.label ?? t.title} 有 ${rows.toLocaleString('en-US')} 行，超过 Word 文档能用的 ${MAX_WORD_ROWS.toLocaleString('en-US')} 行（Word 打开和翻页都会极慢），未导出 Word。` +
          `请导出 Excel（--to xlsx）或 HTML（--to html），或把表按地区分成几个附件。`,
      );
    }
  }
}
