/**
 * A file the editor decoded with the wrong encoding. Chinese Windows editors save GB18030
 * (GBK); an editor that reads those bytes as UTF-8 shows mojibake with U+FFFD (“�”) where a
 * byte sequence was not UTF-8, and the checks would report a handful of cryptic syntax
 * errors about it. A notice never contains U+FFFD, so one is taken as the sign, and the
 * server reports that instead (with a command to reopen the file, where the client has one).
 */
import type { Span } from '../../model/span.js';

export const ENCODING_CODE = 'encoding';

/** The first replacement character's span, when the text has one. */
export function mojibake(text: string): Span | undefined {
  const at = text.indexOf('\uFFFD');
  return at < 0 ? undefined : { start: at, end: at + 1 };
}

export const ENCODING_MESSAGE = '文件似乎是 GB18030 编码（中文 Windows 的记事本、WPS 常用 GBK/GB18030 保存），按 UTF-8 读出了乱码：请以 GB18030 编码重新打开，再另存为 UTF-8';
