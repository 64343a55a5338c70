/**
 * Reading a source file for the CLI, with one clear Chinese line for every way it can
 * fail: missing, a directory, unreadable, not UTF-8. GB18030 (common on these desks) is
 * decoded and said so; other encodings are refused with the command that converts them.
 */
import { readFileSync, statSync } from 'node:fs';

export type ReadResult = { ok: true; text: string; note?: string } | { ok: false; message: string };

/**
 * A file's bytes, or one Chinese line saying why not. `directory` is what to say when the
 * path is a directory (what kind of file was expected there).
 */
export function readBytes(path: string, directory: string): { ok: true; bytes: Uint8Array } | { ok: false; message: string } {
  try {
    if (statSync(path).isDirectory()) return { ok: false, message: `${path}：${directory}` };
    return { ok: true, bytes: new Uint8Array(readFileSync(path)) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, message: `${path}：文件不存在` };
    if (code === 'EACCES' || code === 'EPERM') return { ok: false, message: `${path}：没有读取此文件的权限` };
    return { ok: false, message: `${path}：无法读取（${code ?? String(err)}）` };
  }
}

export function readSource(path: string): ReadResult {
  const read = readBytes(path, `这是一个目录，不是 .notice 文件（检查目录下的文件请写 ${path}/*.notice）`);
  if (!read.ok) return read;
  const bytes = read.bytes;
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // Not UTF-8: GB18030 (a superset of GBK/GB2312) is what Chinese Windows editors save.
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
    };
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
