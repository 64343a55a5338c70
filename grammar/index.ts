/**
 * The notice language: `parse(text)` reads any text into a syntax tree and a list of
 * problems. It never throws and never loses text: what it cannot read becomes a problem
 * with its exact range, and the rest of the file is still read.
 *
 * The steps: the layout (./layout.ts) splits the text into lines, reads the indentation and
 * gives each line with content one token named by its form (./lines.ts); the parser
 * (./parser.ts, Chevrotain) reads the block structure from those tokens; each line form's
 * reader (./build.ts) reads what its lines say, from the words ./scan.ts finds on them.
 * Everything one parse needs lives in objects that parse makes: `parse` may be called again
 * while a parse is under way (from a worker's message handler, say) and gives the same result.
 */
import type { SourceFile, SyntaxProblem } from './ast.js';
import { TreeBuilder } from './build.js';
import { LayoutBuffers, depthsOf, readLayout, type LineDepth } from './layout.js';
import { NoticeParser } from './parser.js';

export type * from './ast.js';
export { MAX_DEPTH, lineDepths, measureIndent, type LineDepth } from './layout.js';
export { KEYWORDS, isAttachmentLabel } from './keywords.js';
export { Row, RowStore, nameHash } from './rows.js';
export { textWidth } from './text-width.js';

/**
 * Parsers not in use. A Chevrotain parser is costly to build (its grammar is analysed) and
 * cheap to reuse, but holds the state of the parse it is running: a parse takes one from here
 * (or builds one when all are busy) and gives it back when done.
 */
const idleParsers: NoticeParser[] = [];

/**
 * Layout buffers not in use, likewise: a parse's words and line tokens are read while it runs
 * (the tree keeps copies of what it needs), so they are reused by the next parse instead of
 * being made anew at the text's size each time.
 */
const idleBuffers: LayoutBuffers[] = [];

export function parse(text: string): SourceFile {
  return read(text, undefined);
}

/**
 * `parse`, and the depth of every line with content (what `lineDepths` gives) from the same
 * reading of the layout: the formatter needs both.
 */
export function parseWithDepths(text: string): { file: SourceFile; depths: LineDepth[] } {
  const depths: LineDepth[] = [];
  return { file: read(text, depths), depths };
}

function read(text: string, depths: LineDepth[] | undefined): SourceFile {
  const problems: SyntaxProblem[] = [];
  const buffers = idleBuffers.pop() ?? new LayoutBuffers(text.length >> 3);
  const parser = idleParsers.pop() ?? new NoticeParser();
  try {
    const layout = readLayout(text, problems, buffers);
    // The tokens are the buffers' and are reused by the next parse: the depths are read now.
    if (depths) depthsOf(layout.tokens, depths);
    const builder = new TreeBuilder(text, problems, buffers.words, layout.tokens.length);
    parser.input = layout.tokens;
    parser.rows = builder;
    const items = parser.document();
    for (const e of parser.errors) {
      const start = Number.isFinite(e.token.startOffset) ? e.token.startOffset : text.length;
      problems.push({ code: 'syntax', start, end: start, message: e.message });
    }
    const blocks = builder.document(items);
    for (const at of buffers.words.controls) {
      const code = text.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0');
      problems.push({ code: 'syntax', start: at, end: at + 1, message: `文中有不可见的控制字符 U+${code}（多半来自损坏的导出或粘贴）：删去它`, fix: { title: `删去控制字符 U+${code}`, replacement: '' } });
    }
    problems.sort((a, b) => a.start - b.start);
    // (The marks are the buffers', reused by the next parse: copied.)
    return { text, blocks, problems, comments: layout.comments, marks: buffers.words.marks.slice() };
  } finally {
    // The parser would otherwise hold this text's tokens until its next parse.
    parser.input = [];
    parser.rows = undefined;
    idleParsers.push(parser);
    idleBuffers.push(buffers);
  }
}
