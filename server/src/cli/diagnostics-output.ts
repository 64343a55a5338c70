/**
 * Printing diagnostics the way compilers do (`path:line:col: error[code]: message`, the
 * source line, a caret under the range) and as JSON with LSP-style 0-based positions.
 */
import type { Diagnostic, Severity } from '../checks/index.js';
import { LineIndex } from '../model/span.js';

export interface FileDiagnostics {
  readonly path: string;
  readonly text: string;
  readonly diagnostics: readonly Diagnostic[];
}

const SEVERITY_WORD: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };

/** Display width: CJK and full-width characters take two columns in a terminal. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += isWide(c) ? 2 : 1;
  }
  return w;
}

export function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0x303e) ||
    (c >= 0x3041 && c <= 0x33ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xa000 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x20000 && c <= 0x3fffd)
  );
}

export function formatHuman(f: FileDiagnostics, color: boolean): string {
  const index = new LineIndex(f.text);
  const out: string[] = [];
  const paint = (code: string, s: string): string => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  for (const d of f.diagnostics) {
    const start = index.position(d.span.start);
    const end = index.position(d.span.end);
    const sev = SEVERITY_WORD[d.severity];
    const sevColored = paint(d.severity === 'error' ? '1;31' : d.severity === 'warning' ? '1;33' : '1;36', sev);
    out.push(`${f.path}:${start.line + 1}:${start.character + 1}: ${sevColored}[${d.code}]: ${d.message}`);
    const line = index.lineText(start.line).replace(/\t/g, ' ');
    const endChar = end.line === start.line ? end.character : line.length;
    const pad = displayWidth(line.slice(0, start.character));
    const width = Math.max(1, displayWidth(line.slice(start.character, Math.max(endChar, start.character))));
    out.push(`  ${line}`);
    out.push(`  ${' '.repeat(pad)}${paint('1;32', '^'.repeat(width))}`);
  }
  return out.join('\n');
}

export interface JsonDiagnostic {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: Severity;
  code: string;
  message: string;
}

export function toJson(f: FileDiagnostics): JsonDiagnostic[] {
  const index = new LineIndex(f.text);
  return f.diagnostics.map((d) => ({
    file: f.path,
    range: { start: index.position(d.span.start), end: index.position(d.span.end) },
    severity: d.severity,
    code: d.code,
    message: d.message,
  }));
}
