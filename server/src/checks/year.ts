/** Which catalogue year a notice's codes are checked against, and how to say so. */
import type { NoticeModel } from '../model/types.js';
import type { CheckContext } from './context.js';

export function noticeYear(ctx: CheckContext, n: NoticeModel | undefined): { year: number; note: string } {
  const years = ctx.catalogue.years;
  const latest = years.length > 0 ? Math.max(...years) : new Date().getFullYear();
  const earliest = years.length > 0 ? Math.min(...years) : latest;
  const wanted = n?.year ?? ctx.options.defaultYear ?? latest;
  // A layered catalogue (a user's table over the shipped one) has no single name: say 目录.
  const label = ctx.catalogue.basisFor ? '目录' : ctx.catalogue.label;
  if (wanted > latest) return { year: latest, note: `（${label}最新为 ${latest} 年，按 ${latest} 年核对）` };
  if (wanted < earliest) return { year: earliest, note: `（${label}最早为 ${earliest} 年，按 ${earliest} 年核对）` };
  return { year: wanted, note: '' };
}
