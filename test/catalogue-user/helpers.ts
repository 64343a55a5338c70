/**
 * Helpers for the user-catalogue tests: XLSX exports written with exceljs in the layouts
 * budget systems produce, CSV bytes in UTF-8 / UTF-8 with BOM / GB18030, and a notice text.
 */
import ExcelJS from 'exceljs';

/** A cell value; `{ richText }` for rich text as exceljs writes it. */
export type Cell = string | number | null | { richText: { text: string; font?: { bold?: boolean } }[] };

export interface SheetSpec {
  readonly name: string;
  readonly rows: readonly (readonly Cell[])[];
  /** Ranges to merge, such as `A1:C1`. */
  readonly merges?: readonly string[];
  readonly hidden?: boolean;
}

export async function xlsx(sheets: readonly SheetSpec[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, s.hidden ? { state: 'hidden' } : {});
    s.rows.forEach((row, i) => {
      row.forEach((v, j) => {
        if (v !== null && v !== '') ws.getCell(i + 1, j + 1).value = v;
      });
    });
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export function utf8(text: string, bom = false): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

let gbTable: Map<string, number> | undefined;

/**
 * A small GB18030 encoder for the BMP characters of the tests: Node's TextEncoder only
 * writes UTF-8, so the two-byte table is built by decoding every two-byte sequence with
 * TextDecoder('gb18030') and reversing it.
 */
export function gb18030(text: string): Uint8Array {
  if (!gbTable) {
    gbTable = new Map();
    const pairs: number[] = [];
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) pairs.push(lead, trail);
    }
    const decoded = new TextDecoder('gb18030').decode(new Uint8Array(pairs));
    let k = 0;
    for (const ch of decoded) {
      const code = (pairs[k]! << 8) | pairs[k + 1]!;
      if (!gbTable.has(ch)) gbTable.set(ch, code);
      k += 2;
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else {
      const code = gbTable.get(ch);
      if (code === undefined) throw new Error(`no GB18030 two-byte code for ${ch}`);
      out.push(code >> 8, code & 0xff);
    }
  }
  return new Uint8Array(out);
}

/** A notice with the given code lines (`收入科目：1100249 …`). */
export function notice(year: number, lines: readonly string[]): string {
  return ['通知 某财社〔' + year + '〕1号', `  年度：${year}`, ...lines.map((l) => `  ${l}`), ''].join('\n');
}

/** A small official-looking table of one year, one sheet per classification. */
export function yearSheets(year: number, opts: { renamed?: boolean } = {}): SheetSpec[] {
  const head = ['科目编码', '科目名称', '级次'];
  return [
    {
      name: `${year}年收入分类`,
      rows: [
        head,
        ['110', '转移性收入', 1],
        ['11002', '一般性转移支付收入', 2],
        ['1100249', opts.renamed ? '卫生健康共同财政事权转移支付收入' : '医疗卫生共同财政事权转移支付收入', 3],
        ['1100258', '农林水共同财政事权转移支付收入', 3],
      ],
    },
    {
      name: `${year}年支出功能分类`,
      rows: [
        head,
        ['210', '卫生健康支出', 1],
        ['21013', '医疗救助', 2],
        ['2101301', '城乡医疗救助', 3],
        ['2101302', '疾病应急救助', 3],
        ['2101399', '其他医疗救助支出', 3],
        ['21004', '公共卫生', 2],
        ['2100409', '重大公共卫生服务', 3],
        ...(year >= 2024 ? [['2100410', '突发公共卫生事件应急处置', 3] as Cell[]] : []),
        ['213', '农林水支出', 1],
      ],
    },
    {
      name: `${year}年政府预算支出经济分类`,
      rows: [head, ['513', '转移性支出', 1], ['51301', '上下级政府间转移性支出', 2]],
    },
  ];
}
