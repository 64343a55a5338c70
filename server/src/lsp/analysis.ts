/**
 * One analysis per document version: the core's `checkText` result with the line index
 * that converts its spans. Diagnostics, hover, completion and the rest share it, so a
 * document is parsed and checked once per edit, not once per request.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { shippedCatalogue } from '../catalogue/budget.js';
import type { BudgetCatalogue } from '../catalogue/types.js';
import { checkText, type CheckEnvironment, type CheckResult } from '../checks/index.js';
import { LineIndex } from '../model/span.js';
import type { NoticeSettings } from './settings.js';

export interface Analysis {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly index: LineIndex;
  readonly result: CheckResult;
  /** The catalogue the checks used (the user's tables over the shipped one, or the shipped one): hover and completion use it too. */
  readonly catalogue: BudgetCatalogue;
}

/** The check options from the user's settings: each passed through as set, the checks' defaults otherwise. */
function environment(settings: NoticeSettings, catalogue: BudgetCatalogue | undefined): CheckEnvironment {
  return {
    ...(settings.catalogueYear !== undefined ? { defaultYear: settings.catalogueYear } : {}),
    ...(settings.tolerance !== undefined ? { tolerance: settings.tolerance } : {}),
    ...(catalogue ? { catalogue } : {}),
  };
}

/** Parses and checks a text. */
export function analyse(uri: string, version: number, text: string, settings: NoticeSettings, userCatalogue?: BudgetCatalogue): Analysis {
  const catalogue = userCatalogue ?? shippedCatalogue();
  return { uri, version, text, index: new LineIndex(text), result: checkText(text, environment(settings, userCatalogue)), catalogue };
}

export class AnalysisCache {
  private readonly byUri = new Map<string, Analysis>();

  constructor(
    private settings: () => NoticeSettings,
    /** The user's catalogue, when one is loaded. */
    private userCatalogue: () => BudgetCatalogue | undefined = () => undefined,
  ) {}

  get(doc: TextDocument): Analysis {
    const hit = this.byUri.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    const a = analyse(doc.uri, doc.version, doc.getText(), this.settings(), this.userCatalogue());
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

  /** Settings or the catalogue changed: every analysis must be redone. */
  clear(): void {
    this.byUri.clear();
  }
}
