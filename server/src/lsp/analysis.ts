/**
 * One analysis per document version: the core's `checkText` result with the line index
 * that converts its spans. Diagnostics, hover, completion and the rest share it, so a
 * document is parsed and checked once per edit, not once per request.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { checkText, type CheckResult } from '../checks/index.js';
import { LineIndex } from '../model/span.js';
import type { NoticeSettings } from './settings.js';

export interface Analysis {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly index: LineIndex;
  readonly result: CheckResult;
}

export function analyse(uri: string, version: number, text: string, settings: NoticeSettings): Analysis {
  const result = checkText(text, settings.catalogueYear !== undefined ? { defaultYear: settings.catalogueYear } : {});
  return { uri, version, text, index: new LineIndex(text), result };
}

export class AnalysisCache {
  private readonly byUri = new Map<string, Analysis>();

  constructor(private settings: () => NoticeSettings) {}

  get(doc: TextDocument): Analysis {
    const hit = this.byUri.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    const a = analyse(doc.uri, doc.version, doc.getText(), this.settings());
    this.byUri.set(doc.uri, a);
    return a;
  }

  /** The analysis if it is current, without computing one. */
  peek(doc: TextDocument): Analysis | undefined {
    const hit = this.byUri.get(doc.uri);
    return hit && hit.version === doc.version ? hit : undefined;
  }

  delete(uri: string): void {
    this.byUri.delete(uri);
  }

  /** Settings changed: every analysis must be redone. */
  clear(): void {
    this.byUri.clear();
  }
}
