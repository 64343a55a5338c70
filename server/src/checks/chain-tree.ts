/**
 * The notices at hand as trees by their `依据` (ministry → province → city → county), each
 * node with its links' figures: what `notice chain` prints and the editor's 资金链 view shows.
 */
import { alreadyIssuedLinks, fromAboveLinks, issuerRegion, type CitedNotice, type NoticeLookup } from './chain.js';
import { figureText } from './chain-text.js';
import { findRegions } from '../catalogue/regions.js';
import { resolvedDocNumbers } from '../model/doc-number.js';
import { noticeNumber } from '../model/issued.js';
import type { NoticeModel } from '../model/types.js';
import type { ChainNode } from './chain-words.js';

export type { ChainNode } from './chain-words.js';

/**
 * The notices as trees: each under the first notice its 依据 cites that is among them. Notices
 * side by side are in the order an official files them, whatever order the files were read in:
 * by 年度, then the issuer's level (the ministries, whose issuer names no region, before the
 * provinces, then cities, then counties), then the 文号's year and serial number.
 */
export function chainTree(all: readonly CitedNotice[], set: NoticeLookup): ChainNode[] {
  all = [...all].sort((a, b) => compareKeys(orderKey(a), orderKey(b)));
  const nodes = new Map<NoticeModel, ChainNode>();
  const parentOf = new Map<NoticeModel, NoticeModel>();
  const included = new Set(all.map((c) => c.notice));
  for (const c of all) {
    const n = c.notice;
    const above = fromAboveLinks(n, set);
    const parent = above.links.find((l) => l.superior && included.has(l.superior.notice))?.superior;
    if (parent) parentOf.set(n, parent.notice);
    const own = noticeNumber(n);
    const title = n.fields.get('标题')?.value.text.trim();
    const issuer = n.fields.get('发文机关')?.value.text.trim();
    const region = issuerRegion(n);
    nodes.set(n, {
      file: c.file,
      ...(own ? { number: own.number } : {}),
      ...(title ? { title } : {}),
      ...(issuer ? { issuer } : {}),
      ...(region ? { region } : {}),
      ...(n.year !== undefined ? { year: n.year } : {}),
      above: above.figures.map((f) => ({
        basis: f.theirs.map((t) => t.number),
        source: f.source,
        ours: `${figureText(f.ours, f.table)}${f.table.unit}`,
        theirs: f.theirs.map((t) => `${figureText(t.value, f.table)}${f.table.unit}`),
        agrees: f.agrees,
      })),
      already: n.tables.flatMap((t) =>
        alreadyIssuedLinks(t, set).map((l) => ({
          column: l.column.column.id,
          cites: l.summed.map((s) => s.number),
          missing: l.missing.map((m) => m.number),
          compared: l.rows.length,
          differing: l.rows.filter((r) => !r.agrees).map((r) => ({ region: r.row.name, stated: figureText(r.stated, t), expected: figureText(r.expected, t) })),
        })),
      ),
      children: [],
    });
  }
  const roots: ChainNode[] = [];
  for (const c of all) {
    const node = nodes.get(c.notice)!;
    const parent = parentOf.get(c.notice);
    if (parent) nodes.get(parent)!.children.push(node);
    else roots.push(node);
  }
  return roots;
}


type OrderKey = (number | string)[];

const LEVELS = { province: 1, city: 2, county: 3 } as const;

function orderKey(c: CitedNotice): OrderKey {
  const n = c.notice;
  const region = issuerRegion(n);
  const level = region === undefined ? 0 : Math.min(...findRegions(region).map((r) => LEVELS[r.level]));
  const dn = n.docNumber ? resolvedDocNumbers(n.docNumber.text)[0]?.dn : undefined;
  return [n.year ?? Infinity, level, Number(dn?.yearDigits ?? Infinity), Number(dn?.serialDigits ?? Infinity), c.file];
}

function compareKeys(a: OrderKey, b: OrderKey): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
