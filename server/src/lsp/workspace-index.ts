/**
 * Notices of the workspace by document number: where each is defined (`通知 文号`) and
 * where each is mentioned (依据, column titles, body text). Fed from open documents and,
 * in Node, from the `.notice` files of the workspace folders (read by the server's host;
 * the core never reads files).
 */
import type { Range } from 'vscode-languageserver';
import { parse, type SourceFile } from '../../../grammar/index.js';
import type { CitedNotice, NoticeLookup } from '../checks/index.js';
import { buildModel } from '../model/build.js';
import { noticeNumber } from '../model/issued.js';
import type { DocumentModel } from '../model/types.js';
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

interface FileRecord {
  readonly text: string;
  entry?: FileEntry;
  model?: DocumentModel;
  index?: LineIndex;
  file?: SourceFile;
}

export class WorkspaceIndex implements NoticeLookup {
  /**
   * What each file holds, computed when first asked for (its 文号 and mentions, its model
   * for the checks across notices), so an edit costs nothing until a lookup.
   */
  private readonly files = new Map<string, FileRecord>();

  update(uri: string, text: string, file?: SourceFile, index?: LineIndex, model?: DocumentModel): void {
    this.files.set(uri, { text, ...(file ? { file } : {}), ...(index ? { index } : {}), ...(model ? { model } : {}) });
  }

  private entryOf(uri: string, r: FileRecord): FileEntry {
    if (!r.entry) {
      try {
        r.entry = indexText(uri, r.text, this.fileOf(r), this.lineIndexOf(r));
      } catch {
        r.entry = { notices: [], mentions: [] };
      }
    }
    return r.entry;
  }

  private fileOf(r: FileRecord): SourceFile {
    return (r.file ??= parse(r.text));
  }

  private lineIndexOf(r: FileRecord): LineIndex {
    return (r.index ??= new LineIndex(r.text));
  }

  private entries(): FileEntry[] {
    return [...this.files].map(([uri, r]) => this.entryOf(uri, r));
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

  find(number: string): readonly CitedNotice[] {
    const out: CitedNotice[] = [];
    for (const [uri, r] of this.files) {
      if (!this.entryOf(uri, r).notices.some((n) => n.number === number)) continue;
      r.model ??= buildModel(this.fileOf(r));
      for (const notice of r.model.notices) if (noticeNumber(notice)?.number === number) out.push({ notice, file: uri });
    }
    return out;
  }

  /** Every notice of the index with its file (each file modelled when first asked for). */
  all(): CitedNotice[] {
    const out: CitedNotice[] = [];
    for (const [uri, r] of this.files) {
      if (this.entryOf(uri, r).notices.length === 0) continue;
      r.model ??= buildModel(this.fileOf(r));
      for (const notice of r.model.notices) out.push({ notice, file: uri });
    }
    return out;
  }

  /** Notices with this number, as the index lists them (without modelling their files). */
  entriesOf(number: string): NoticeEntry[] {
    return this.notices().filter((n) => n.number === number);
  }

  mentions(number: string): Mention[] {
    return this.entries().flatMap((f) => f.mentions.filter((m) => m.number === number));
  }

  /** The files that mention any of `uri`'s own 文号 (its dependants: they cite it), but `uri` itself. */
  dependants(uri: string): string[] {
    const r = this.files.get(uri);
    if (!r) return [];
    const own = new Set(this.entryOf(uri, r).notices.map((n) => n.number));
    if (own.size === 0) return [];
    const out: string[] = [];
    for (const [other, o] of this.files) {
      if (other !== uri && this.entryOf(other, o).mentions.some((m) => own.has(m.number))) out.push(other);
    }
    return out;
  }

  /** A file's line index, for the position of a related location in it. */
  lineIndex(uri: string): LineIndex | undefined {
    const r = this.files.get(uri);
    return r && this.lineIndexOf(r);
  }
}
