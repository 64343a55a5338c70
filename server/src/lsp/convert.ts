/**
 * The one converter between the core's offset spans and LSP positions/ranges. Every
 * feature goes through here; nothing else computes line/character pairs.
 */
import type { Position, Range } from 'vscode-languageserver';
import type { LineIndex, Span } from '../model/span.js';

export function toRange(index: LineIndex, span: Span): Range {
  return { start: index.position(span.start), end: index.position(span.end) };
}

/** Offset of a position, clamped into the document (clients send positions past the end). */
export function toOffset(index: LineIndex, position: Position): number {
  const line = Number.isFinite(position.line) ? position.line : 0;
  const character = Number.isFinite(position.character) ? position.character : 0;
  return index.offset(line, character);
}

export function toSpan(index: LineIndex, range: Range): Span {
  const a = toOffset(index, range.start);
  const b = toOffset(index, range.end);
  return a <= b ? { start: a, end: b } : { start: b, end: a };
}

export function rangesEqual(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Spans touch or overlap (an empty span touching the other counts). */
export function spansMeet(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

export function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}
