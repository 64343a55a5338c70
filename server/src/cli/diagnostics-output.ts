/**
 * Printing diagnostics the way compilers do (`path:line:col: 错误[code]: message`, the
 * source line, a caret under the range; the first so many of each code, then their number)
 * and as JSON with LSP-style 0-based positions (always all of them).
 */
import { textWidth } from '../../../grammar/index.js';
import type { Diagnostic, Related, Severity } from '../checks/index.js';
import { LineIndex, type Span } from '../model/span.js';

export interface FileDiagnostics {
  readonly path: string;
  readonly text: string;
  readonly diagnostics: readonly Diagnostic[];
  /** The line index of another file a related location is in (the checks across notices name other notices' cells). */
  readonly locate?: (file: string) => LineIndex | undefined;
}

/**
 * The severity as an official reads it. The code in brackets after it stays English, for
 * scripts and VS Code's problem matchers (package.json, one matcher per word).
 */
export const SEVERITY_WORD: Record<Severity, string> = { error: '错误', warning: '警告', information: '提示', hint: '提示' };

/** How many diagnostics of one code a file prints before the rest are counted in one line. */
export const DEFAULT_PER_CODE = 20;

export interface HumanOptions {
  readonly color: boolean;
  /** At most this many diagnostics of each code, then one line with the number left out; absent: all. */
  readonly perCode?: number;
}

export function formatHuman(f: FileDiagnostics, opts: HumanOptions): string {
  const index = new LineIndex(f.text);
  const out: string[] = [];
  const paint = (code: string, s: string): string => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const shown = new Map<string, number>();
  const omitted = new Map<string, number>();
  for (const d of f.diagnostics) {
    const n = shown.get(d.code) ?? 0;
    if (opts.perCode !== undefined && n >= opts.perCode) {
      omitted.set(d.code, (omitted.get(d.code) ?? 0) + 1);
      continue;
    }
    shown.set(d.code, n + 1);
    const start = index.position(d.span.start);
    const end = index.position(d.span.end);
    const sev = SEVERITY_WORD[d.severity];
    const sevColored = paint(d.severity === 'error' ? '1;31' : d.severity === 'warning' ? '1;33' : '1;36', sev);
    out.push(`${f.path}:${start.line + 1}:${start.character + 1}: ${sevColored}[${d.code}]: ${d.message}`);
    const line = index.lineText(start.line).replace(/\t/g, ' ');
    const endChar = end.line === start.line ? end.character : line.length;
    const pad = textWidth(line.slice(0, start.character));
    const width = Math.max(1, textWidth(line.slice(start.character, Math.max(endChar, start.character))));
    out.push(`  ${line}`);
    out.push(`  ${' '.repeat(pad)}${paint('1;32', '^'.repeat(width))}`);
    // Places in other files (another notice's cell): where to look, since the caret cannot show them.
    for (const r of d.related ?? []) {
      const other = r.file !== undefined && r.file !== f.path ? f.locate?.(r.file) : undefined;
      if (!other) continue;
      const at = other.position(r.span.start);
      out.push(`  = ${r.file}:${at.line + 1}:${at.character + 1}: ${r.message}`);
    }
  }
  // Not a diagnostic line (no line:column), so a problem matcher passes over it.
  for (const [code, n] of omitted) out.push(`${f.path}：另有 ${groupDigits(n)} 个 [${code}] 问题未列出（每种只列前 ${opts.perCode} 个；notice check --all 列出全部）`);
  return out.join('\n');
}

/** 12,345: a count as officials write it. */
/** A count as officials write one: `12,345`. */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

type JsonRange = { start: { line: number; character: number }; end: { line: number; character: number } };

export interface JsonDiagnostic {
  file: string;
  range: JsonRange;
  severity: Severity;
  code: string;
  message: string;
  /** The places the message speaks of (a wrong total's parts, the formula a row breaks). */
  related?: { file?: string; range: JsonRange; message: string }[];
  /** The quick fixes, each as the edits that make it. */
  fixes?: { title: string; edits: { range: JsonRange; newText: string }[] }[];
}

export function toJson(f: FileDiagnostics): JsonDiagnostic[] {
  const index = new LineIndex(f.text);
  const range = (span: { start: number; end: number }): JsonRange => ({ start: index.position(span.start), end: index.position(span.end) });
  return f.diagnostics.map((d) => ({
    file: f.path,
    range: range(d.span),
    severity: d.severity,
    code: d.code,
    message: d.message,
    ...(d.related && d.related.length > 0 ? { related: d.related.map((r) => relatedJson(f, r, range)) } : {}),
    ...(d.fixes && d.fixes.length > 0 ? { fixes: d.fixes.map((x) => ({ title: x.title, edits: x.edits.map((e) => ({ range: range(e.span), newText: e.newText })) })) } : {}),
  }));
}

function relatedJson(f: FileDiagnostics, r: Related, range: (span: Span) => JsonRange): { file?: string; range: JsonRange; message: string } {
  const other = r.file !== undefined && r.file !== f.path ? f.locate?.(r.file) : undefined;
  if (!other) return { range: range(r.span), message: r.message };
  return { file: r.file!, range: { start: other.position(r.span.start), end: other.position(r.span.end) }, message: r.message };
}
