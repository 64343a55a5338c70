/**
 * Reading a source file for the CLI, with one clear Chinese line for every way it can
 * fail: missing, a directory, unreadable, not UTF-8. GB18030 (common on these desks) is
 * decoded and said so; other encodings are refused with the command that converts them.
 */
import { readFileSync, statSync } from 'node:fs';

/** Why a file was not read: the summary line counts each kind. */
export type Unread = 'missing' | 'directory' | 'unreadable' | 'encoding';

export type ReadResult = { ok: true; text: string; note?: string } | { ok: false; message: string; reason: Unread };

/**
 * A file's bytes, or one Chinese line saying why not. `directory` is what to say when the
 * path is a directory (what kind of file was expected there).
 */
export function readBytes(path: string, directory: string): { ok: true; bytes: Uint8Array } | { ok: false; message: string; reason: Unread } {
  try {
    if (statSync(path).isDirectory()) return { ok: false, message: `${path}：${directory}`, reason: 'directory' };
    return { ok: true, bytes: new Uint8Array(readFileSync(path)) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, message: `${path}：文件不存在`, reason: 'missing' };
    if (code === 'EACCES' || code === 'EPERM') return { ok: false, message: `${path}：没有读取此文件的权限`, reason: 'unreadable' };
    return { ok: false, message: `${path}：无法读取（${code ?? String(err)}）`, reason: 'unreadable' };
  }
}

export function readSource(path: string): ReadResult {
  const read = readBytes(path, `这是一个目录，不是 .notice 文件（检查目录下的文件请写 ${path}/*.notice）`);
  if (!read.ok) return read;
  const bytes = read.bytes;
  // UTF-16 with a byte-order mark (what Windows Notepad calls “Unicode”): read it, and say so.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const le = bytes[0] === 0xff;
    try {
      const text = new TextDecoder(le ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes);
      return { ok: true, text, note: `${path}：文件是 UTF-16 编码（${le ? '小端' : '大端'}），已按 UTF-16 读取；建议另存为 UTF-8` };
    } catch {
      return { ok: false, message: `${path}：文件以 UTF-16 的字节顺序标记开头，但内容不是有效的 UTF-16，无法读取；请另存为 UTF-8`, reason: 'encoding' };
    }
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // Not UTF-8. Big5 (Traditional Chinese) decodes as GB18030 too, into nonsense: tell the
    // two apart by their trail bytes first (./read-source.ts, `looksBig5`).
    if (looksBig5(bytes)) {
      return {
        ok: false,
        message: `${path}：文件似乎是 Big5（繁体中文）编码，不是 UTF-8 或 GB18030，无法读取；请另存为 UTF-8（如 iconv -f BIG5 -t UTF-8 ${path}）`,
        reason: 'encoding',
      };
    }
    // GB18030 (a superset of GBK/GB2312) is what Chinese Windows editors save.
    try {
      const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
      if (looksChinese(text)) {
        return { ok: true, text, note: `${path}：文件不是 UTF-8 编码，已按 GB18030 读取；建议另存为 UTF-8（iconv -f GB18030 -t UTF-8）` };
      }
    } catch {
      // fall through
    }
    return {
      ok: false,
      message: `${path}：文件不是 UTF-8 编码，也不是 GB18030 文本，无法读取；请另存为 UTF-8（如 iconv -f 原编码 -t UTF-8 ${path}）`,
      reason: 'encoding',
    };
  }
}

/**
 * Big5 text read byte-wise: a lead byte 0x81–0xFE and a trail byte. GB2312 text (what a
 * simplified notice in GBK/GB18030 is, almost entirely) has trail bytes of 0xA1 and above;
 * Big5's common characters use trail bytes 0x40–0x7E as often as not. So a text of double
 * bytes many of whose trail bytes are below 0x80, that also reads as Big5, is taken for Big5.
 */
function looksBig5(bytes: Uint8Array): boolean {
  let pairs = 0;
  let lowTrail = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x81) continue;
    const t = bytes[i + 1];
    if (t === undefined) break;
    // GB18030's four-byte sequences have a digit as their second byte.
    if (t >= 0x30 && t <= 0x39) {
      i += 3;
      continue;
    }
    pairs++;
    if (t < 0x80) lowTrail++;
    i++;
  }
  if (pairs < 4 || lowTrail / pairs < 0.15) return false;
  try {
    new TextDecoder('big5', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function looksChinese(text: string): boolean {
  // A decoded GB18030 file of a notice is mostly CJK and ASCII; random bytes are not.
  let cjk = 0;
  let odd = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x4e00 && c <= 0x9fff) cjk++;
    else if (c < 0x20 && c !== 9 && c !== 10 && c !== 13) odd++;
  }
  return cjk > 0 && odd === 0;
}
