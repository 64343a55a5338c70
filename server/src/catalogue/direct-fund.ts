/**
 * 直达资金标识: the codes the 预算管理一体化 systems use (01 / 02 / 09) and the name-only
 * provincial tag. Names are matched exactly (after trimming): published notices that write
 * `01 直达资金` or `09 其他资金` are meant to be flagged with the catalogue name.
 */

import { DIRECT_FUND_ROWS } from './generated/direct-fund-tags';
import type { DirectFundTag } from './types';

let byCode: Map<string, DirectFundTag> | undefined;
let byName: Map<string, DirectFundTag> | undefined;

function index(): { byCode: Map<string, DirectFundTag>; byName: Map<string, DirectFundTag> } {
  if (!byCode || !byName) {
    byCode = new Map();
    byName = new Map();
    for (const tag of DIRECT_FUND_ROWS) {
      if (tag.code !== undefined) byCode.set(tag.code, tag);
      byName.set(tag.name, tag);
      for (const a of tag.aliases) byName.set(a, tag);
    }
  }
  return { byCode, byName };
}

/** Every known tag, coded ones first. */
export function directFundTags(): readonly DirectFundTag[] {
  return DIRECT_FUND_ROWS;
}

/** The tag with this two-digit code (`01`, `02`, `09`). */
export function findDirectFundTagByCode(code: string): DirectFundTag | undefined {
  return index().byCode.get(code.trim());
}

/** The tag with this name or alias (`直达资金省级对应安排`, `省级配套直达资金`). */
export function findDirectFundTagByName(name: string): DirectFundTag | undefined {
  return index().byName.get(name.trim());
}
