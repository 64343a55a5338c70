// Draws the extension icon (icons/notice.png, 128×128): a sheet of paper with a red
// header bar, lines of text, a small table and a red seal. No dependencies: the PNG is
// written by hand (zlib from Node). Run: node icons/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const N = 128;
const px = new Uint8Array(N * N * 4);
const set = (x, y, [r, g, b, a = 255]) => {
  if (x < 0 || y < 0 || x >= N || y >= N) return;
  const i = (y * N + x) * 4;
  const sa = a / 255;
  px[i] = Math.round(r * sa + px[i] * (1 - sa));
  px[i + 1] = Math.round(g * sa + px[i + 1] * (1 - sa));
  px[i + 2] = Math.round(b * sa + px[i + 2] * (1 - sa));
  px[i + 3] = Math.max(px[i + 3], a);
};
const rect = (x0, y0, x1, y1, c) => {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) set(x, y, c);
};
const RED = [200, 30, 36];
const PAPER = [252, 250, 245];
const INK = [90, 90, 100];
const LINE = [200, 200, 208];

// Paper with a soft shadow and rounded corners.
for (let y = 10; y < 122; y++) for (let x = 18; x < 114; x++) {
  const dx = Math.max(22 - x, 0, x - 109);
  const dy = Math.max(14 - y, 0, y - 117);
  if (dx * dx + dy * dy <= 16) set(x + 2, y + 2, [0, 0, 0, 40]);
}
for (let y = 10; y < 122; y++) for (let x = 18; x < 114; x++) {
  const dx = Math.max(22 - x, 0, x - 109);
  const dy = Math.max(14 - y, 0, y - 117);
  if (dx * dx + dy * dy <= 16) set(x, y, PAPER);
}
// Red header (the 红头) and the rule under it.
rect(30, 20, 102, 30, RED);
rect(26, 36, 106, 38, RED);
// Lines of text.
for (const [y, w] of [[44, 72], [51, 66], [58, 70]]) rect(30, y, 30 + w, y + 3, INK);
// A small table with right-aligned numbers.
for (let r = 0; r <= 4; r++) rect(30, 68 + r * 9, 102, 69 + r * 9, LINE);
for (const x of [30, 62, 82, 101]) rect(x, 68, x + 1, 105, LINE);
for (let r = 0; r < 4; r++) {
  rect(34, 71 + r * 9, 34 + (r === 0 ? 22 : 14 + (r % 2) * 6), 75 + r * 9, r === 0 ? INK : LINE.map((v) => v - 60));
  rect(70 - (r % 2) * 4, 71 + r * 9, 79, 75 + r * 9, INK);
  rect(90 - (r % 3) * 2, 71 + r * 9, 99, 75 + r * 9, INK);
}
// The seal: a red ring with a star.
for (let y = 0; y < N; y++) for (let x = 0; x < N; x++) {
  const d = Math.hypot(x - 88, y - 100);
  if (d <= 15 && d >= 12) set(x, y, [...RED, 230]);
}
for (let y = 0; y < N; y++) for (let x = 0; x < N; x++) {
  // A five-pointed star by polar test.
  const a = Math.atan2(y - 99, x - 88) + Math.PI / 2;
  const r = Math.hypot(x - 88, y - 99);
  const k = Math.cos(Math.PI / 5) / Math.cos(((((a % (2 * Math.PI / 5)) + 2 * Math.PI / 5) % (2 * Math.PI / 5)) - Math.PI / 5));
  if (r <= 6 * k * 0.75) set(x, y, [...RED, 230]);
}

// PNG encoding.
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8;
ihdr[9] = 6;
const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) {
  raw[y * (N * 4 + 1)] = 0;
  Buffer.from(px.buffer, y * N * 4, N * 4).copy(raw, y * (N * 4 + 1) + 1);
}
const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
const here = dirname(fileURLToPath(import.meta.url));
writeFileSync(join(here, 'notice.png'), png);
