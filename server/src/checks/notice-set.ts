/**
 * A set of notices by 文号, from models the caller built (the files of a folder, the
 * workspace): the `NoticeLookup` the checks across notices read. A file's notices are
 * replaced when it is added again, and its model may be given as a function that builds it
 * when first asked for (the language server indexes a folder without modelling every file).
 */
import { noticeNumber } from '../model/issued.js';
import type { DocumentModel } from '../model/types.js';
import type { CitedNotice, NoticeLookup } from './chain.js';

type Entry = DocumentModel | (() => DocumentModel);

export class NoticeSet implements NoticeLookup {
  private readonly files = new Map<string, Entry>();
  /** 文号 → the files whose notices have it; rebuilt when a file changes. */
  private byNumber?: Map<string, CitedNotice[]>;

  /** Adds (or replaces) a file's notices. */
  set(file: string, model: Entry): void {
    this.files.set(file, model);
    this.byNumber = undefined;
  }

  delete(file: string): void {
    if (this.files.delete(file)) this.byNumber = undefined;
  }

  model(file: string): DocumentModel | undefined {
    const e = this.files.get(file);
    if (e === undefined) return undefined;
    if (typeof e !== 'function') return e;
    const built = e();
    this.files.set(file, built);
    return built;
  }

  find(number: string): readonly CitedNotice[] {
    return this.index().get(number) ?? [];
  }

  /** Every notice of the set, with its file, in the order the files were added. */
  all(): CitedNotice[] {
    return [...this.files.keys()].flatMap((file) => (this.model(file)?.notices ?? []).map((notice) => ({ notice, file })));
  }

  private index(): Map<string, CitedNotice[]> {
    if (this.byNumber) return this.byNumber;
    const map = new Map<string, CitedNotice[]>();
    for (const c of this.all()) {
      const n = noticeNumber(c.notice);
      if (!n) continue;
      const list = map.get(n.number);
      if (list) list.push(c);
      else map.set(n.number, [c]);
    }
    this.byNumber = map;
    return map;
  }
}
