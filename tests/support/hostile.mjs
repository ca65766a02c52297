// Generators of the hostile inputs of issue 29, shared by the CLI's, the JavaScript API's and the
// page's tests: each makes the file or link that once crashed, froze or flooded the playground.

import { chunk } from './png.mjs';
import { encodeZip } from './zip.mjs';

/** A safetensors file of this header text, followed by `dataBytes` zero bytes. */
export function safetensorsOf(header, dataBytes = 0) {
  const text = Buffer.from(header, 'utf8');
  const out = Buffer.alloc(8 + text.length + dataBytes);
  out.writeBigUInt64LE(BigInt(text.length), 0);
  text.copy(out, 8);
  return out;
}

/** A header nested `depth` arrays deep: 300 KB overflowed the CLI's stack, 20 KB the page's. */
export const deeplyNestedSafetensors = (depth) =>
  safetensorsOf(`{"t": ${'['.repeat(depth)}${']'.repeat(depth)}}`);

/** 499 bytes or so whose config claims the largest model the core accepts (8 layers of 4096). */
export function hugeConfigSafetensors() {
  const config = JSON.stringify({ kind: 'ae', hidden: Array(8).fill(4096), latent: 4096 });
  return safetensorsOf(JSON.stringify({ __metadata__: { 'bottleneck.config': config, format: 'pt' } }));
}

/** A PNG's signature and IHDR claiming `width` x `height`, with a few bytes of data: tiny on disk. */
export function pngClaiming(width, height) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])), chunk('IEND', Buffer.alloc(0))]);
}

/** 9 bytes that made stb_image 2.27 write past a Huffman table. */
export const stbHuffmanJpeg = () => Buffer.from([0xff, 0xd8, 0xff, 0xc4, 0x00, 0x07, 0x00, 0xff, 0xff]);

/** A zip whose `copies` directory records all point at one 1 MB entry: 61 KB that unzips to gigabytes. */
export function overlappingZip(copies, name = 'a.csv') {
  const one = encodeZip([{ name, bytes: Buffer.alloc(1 << 20, 0x30) }]);
  const endAt = one.length - 22;
  const directoryAt = one.readUInt32LE(endAt + 16);
  const record = one.subarray(directoryAt, endAt);
  const directory = Buffer.concat(Array(copies).fill(record));
  const end = Buffer.from(one.subarray(endAt));
  end.writeUInt16LE(copies, 8);
  end.writeUInt16LE(copies, 10);
  end.writeUInt32LE(directory.length, 12);
  return Buffer.concat([one.subarray(0, directoryAt), directory, end]);
}

/** A link's hash of `count` panel names (`panels=a,a,...`): 10,000 is 20 KB. */
export const longPanelsLink = (count) => `panels=${Array(count).fill('a').join(',')}`;

/** A link's hash of unknown keys, about `bytes` long. */
export function unknownKeysLink(bytes) {
  const parts = [];
  for (let length = 0, i = 0; length < bytes; i++) {
    const part = `k${i}=%01v`;
    parts.push(part);
    length += part.length + 1;
  }
  return parts.join('&');
}
