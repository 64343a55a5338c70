/**
 * Notices of the workspace by document number: where each is defined (`通知 文号`) and
 * where each is mentioned (依据, column titles, body text). Fed from open documents and,
 * in Node, from the `.notice` files of the workspace folders (read by the server's host;
 * the core never reads files).
 */
import type { Range } from 'vscode-languageserver';
import { parse, type SourceFile } from '../../../grammar/index.js';
import { findDocNumbers, resolvedDocNumbers } from '../model/doc-number.js';

export { resolvedDocNumbers };
import { LineIndex } from '../model/span.js';
import { toRange } from './convert.js';

export interface NoticeEntry {
  readonly uri: string;
  /** GB/T 9704 form, the index key. */
  readonly number: string;
  readonly written: string;
  readonly range: Range;
  readonly title?: string;
  readonly issuer?: string;
  readonly year?: string;
}

export interface Mention {
  readonly uri: string;
  readonly number: string;
  readonly range: Range;
}

interface FileEntry {
  readonly notices: NoticeEntry[];
  readonly mentions: Mention[];
}

export function normaliseDocNumber(written: string): string {
  const found = findDocNumbers(written)[0];
  return found ? found.normalized : written.trim();
}

export function indexText(uri: string, text: string, file: SourceFile = parse(text), index: LineIndex = new LineIndex(text)): FileEntry {
  const notices: NoticeEntry[] = [];
  for (const b of file.blocks) {
    if (b.kind !== 'notice' || !b.docNumber) continue;
    const field = (k: string): string | undefined => b.fields.find((f) => f.key.text === k)?.value.text.trim() || undefined;
    const title = field('标题');
    const issuer = field('发文机关');
    const year = field('年度');
    notices.push({
      uri,
      number: normaliseDocNumber(b.docNumber.text),
      written: b.docNumber.text,
      range: toRange(index, b.docNumber),
      ...(title ? { title } : {}),
      ...(issuer ? { issuer } : {}),
      ...(year ? { year } : {}),
    });
  }
  const mentions = resolvedDocNumbers(text).map(({ dn, number }) => ({ uri, number, range: toRange(index, dn.span) }));
  return { notices, mentions };
}

export class WorkspaceIndex {
  /** Entries are computed when first asked for, so an edit costs nothing until a lookup. */
  private readonly files = new Map<string, FileEntry | (() => FileEntry)>();

  update(uri: string, text: string, file?: SourceFile, index?: LineIndex): void {
    this.files.set(uri, () => {
      try {
        return indexText(uri, text, file, index);
      } catch {
        return { notices: [], mentions: [] };
      }
    });
  }

  private entries(): FileEntry[] {
    const out: FileEntry[] = [];
    for (const [uri, e] of this.files) {
      if (typeof e === 'function') {
        const computed = e();
        this.files.set(uri, computed);
        out.push(computed);
      } else out.push(e);
    }
    return out;
  }

  remove(uri: string): void {
    this.files.delete(uri);
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  notices(): NoticeEntry[] {
    return this.entries().flatMap((f) => f.notices);
  }

  find(number: string): NoticeEntry[] {
    return this.notices().filter((n) => n.number === number);
  }

  mentions(number: string): Mention[] {
    return this.entries().flatMap((f) => f.mentions.filter((m) => m.number === number));
  }
}
