// Writes PNG files for the tests that bring their own images (the CLI's --dataset, the page's
// drop): grey or RGBA, 8 bits, no filter. PNG is a signature and chunks (length, type, data,
// CRC-32); the pixels are zlib-deflated rows, each led by its filter byte.

import zlib from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One PNG chunk: length, type, data and its CRC-32. */
export function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A PNG of `width` × `height` pixels, `channels` (1 grey, 4 RGBA) bytes each, row-major. */
export function encodePng(width, height, pixels, channels = 1) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;                          // bits per sample
  header[9] = channels === 4 ? 6 : 0;     // colour type: RGBA or grey
  const stride = width * channels;
  const rows = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) Buffer.from(pixels.buffer, pixels.byteOffset + y * stride, stride)
    .copy(rows, y * (stride + 1) + 1);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * A grey picture of a digit-like stroke pattern that varies with `index`: a ring or a bar at a
 * few sizes and places, dark on light paper when `lightBackground`, light on dark otherwise.
 */
export function strokePicture(index, lightBackground, side = 48) {
  const pixels = new Uint8Array(side * side).fill(lightBackground ? 235 : 15);
  const ink = lightBackground ? 20 : 240;
  const cx = side / 2 + (index % 5) - 2, cy = side / 2 + (index % 3) - 1;
  const radius = side / 4 + (index % 4);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const ring = Math.abs(Math.hypot(x - cx, y - cy) - radius) < 2.5;
      const bar = Math.abs(x - cx) < 2.5 && Math.abs(y - cy) < radius;
      if (index % 2 ? bar : ring) pixels[y * side + x] = ink;
    }
  }
  return pixels;
}
