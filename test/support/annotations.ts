/**
 * Annotated fixtures: expected diagnostics written inline, as comment lines under the line
 * they concern (rust-analyzer's style):
 *
 * ```
 *   南昌市合计   907   741   166
 * #                ^^^ error[sum-mismatch]: 合计 907 ≠ 各项之和 908（差 -1）：南昌市合计 第1栏“全年”
 * ```
 *
 * An annotation line is `#`, spaces (possibly none), a run of `^`, a space and
 * `severity[code]: message`. It refers to the nearest preceding line that is not itself an
 * annotation. The carets' columns are UTF-16 code units of that line, like the spans the
 * checks report. Column 0 is taken by the `#`, so a range starting there is written with
 * its carets starting at column 1; a range running past the end of its line is cut at the
 * line end; an empty range gets one caret. Actual diagnostics are rendered by the same rule,
 * so expected and actual compare as plain strings.
 */
import type { Diagnostic, Severity } from '../../server/src/checks/index.js';
import { LineIndex } from '../../server/src/model/span.js';

export const ANNOTATION = /^#( *)(\^+) (error|warning|information|hint)\[([a-z-]+)\]: (.*)$/;

export interface Annotation {
  /** 0-based line the annotation refers to. */
  readonly line: number;
  readonly startCol: number;
  readonly endCol: number;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
}

/** Splits into lines the way `LineIndex` does (`\r\n`, `\r` or `\n`), without the breaks. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

export function isAnnotationLine(line: string): boolean {
  return ANNOTATION.test(line);
}

/** The annotations written in a fixture. Throws on an annotation with no line above it. */
export function parseAnnotations(text: string): Annotation[] {
  const lines = splitLines(text);
  const out: Annotation[] = [];
  let target = -1;
  lines.forEach((line, i) => {
    const m = ANNOTATION.exec(line);
    if (!m) {
      target = i;
      return;
    }
    if (target < 0) throw new Error(`annotation on line ${i + 1} has no line above it to refer to`);
    const startCol = 1 + m[1]!.length;
    out.push({
      line: target,
      startCol,
      endCol: startCol + m[2]!.length,
      severity: m[3] as Severity,
      code: m[4]!,
      message: m[5]!,
    });
  });
  return out;
}

/** A diagnostic as an annotation on the line where it starts. */
export function annotationOf(text: string, index: LineIndex, d: Diagnostic): Annotation {
  const start = index.position(d.span.start);
  const end = index.position(d.span.end);
  const lineLength = index.lineText(start.line).length;
  const startCol = Math.max(start.character, 1);
  const rawEnd = end.line === start.line ? Math.min(end.character, lineLength) : lineLength;
  const endCol = Math.max(rawEnd, startCol + 1);
  // Messages are one line in the fixture; a line break in one would end the annotation.
  const message = d.message.replace(/\r\n|\r|\n/g, '⏎');
  return { line: start.line, startCol, endCol, severity: d.severity, code: d.code, message };
}

export function annotationsOf(text: string, diagnostics: readonly Diagnostic[]): Annotation[] {
  const index = new LineIndex(text);
  return diagnostics.map((d) => annotationOf(text, index, d));
}

/** The annotation line itself: `#   ^^^ error[code]: message`. */
export function renderAnnotation(a: Annotation): string {
  return `#${' '.repeat(a.startCol - 1)}${'^'.repeat(a.endCol - a.startCol)} ${a.severity}[${a.code}]: ${a.message}`;
}

/** `line 43: #   ^^^ error[…]: …` (1-based line), the form failures are listed in. */
export function describeAnnotation(a: Annotation): string {
  return `line ${a.line + 1}: ${renderAnnotation(a)}`;
}

export interface AnnotationDiff {
  readonly missing: string[];
  readonly unexpected: string[];
}

/** Multiset difference of expected and actual, each rendered with its line. */
export function diffAnnotations(expected: readonly Annotation[], actual: readonly Annotation[]): AnnotationDiff {
  const want = expected.map(describeAnnotation);
  const got = actual.map(describeAnnotation);
  const remaining = [...got];
  const missing: string[] = [];
  for (const w of want) {
    const i = remaining.indexOf(w);
    if (i >= 0) remaining.splice(i, 1);
    else missing.push(w);
  }
  return { missing, unexpected: remaining };
}

export function formatDiff(file: string, diff: AnnotationDiff): string {
  const parts = [`${file}: the annotations differ from the checker's diagnostics`];
  if (diff.missing.length > 0) parts.push('missing (annotated, not reported):', ...diff.missing.map((s) => `  ${s}`));
  if (diff.unexpected.length > 0) parts.push('unexpected (reported, not annotated):', ...diff.unexpected.map((s) => `  ${s}`));
  return parts.join('\n');
}

/** The fixture without its annotation lines. */
export function stripAnnotations(text: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return splitLines(text)
    .filter((l) => !isAnnotationLine(l))
    .join(eol);
}

/**
 * Rewrites a fixture's annotations from the diagnostics `check` reports on it: the old
 * annotation lines are dropped, and each diagnostic is written under the line it starts on.
 */
export function rewriteAnnotations(text: string, check: (text: string) => readonly Diagnostic[]): string {
  const clean = stripAnnotations(text);
  const eol = clean.includes('\r\n') ? '\r\n' : '\n';
  const lines = splitLines(clean);
  const byLine = new Map<number, string[]>();
  for (const a of annotationsOf(clean, check(clean))) {
    const list = byLine.get(a.line) ?? [];
    list.push(renderAnnotation(a));
    byLine.set(a.line, list);
  }
  const out: string[] = [];
  lines.forEach((line, i) => {
    out.push(line);
    out.push(...(byLine.get(i) ?? []));
  });
  return out.join(eol);
}
