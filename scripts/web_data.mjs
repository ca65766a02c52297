// The page's data files: each 10k data set in .deps/data split as PRODUCT.md's MNIST-10k split
// (index % 10 == 9 is test), gzip-compressed, so a first visit downloads the 1,000 test images
// (the pad, the views and a pretrained preset need no more) before the 9,000 training images.
// The browser decompresses them (DecompressionStream): any static host serves them as they are.
//
//   node scripts/web_data.mjs DATA_DIR OUT_DIR     (./build.sh web runs this; OUT_DIR is a cache)
//
// Writes <id>-test.bnds.gz and <id>-train.bnds.gz for mnist and fashion. Fashion's test split is
// also the Anomaly tab's clothes for a digit model: the first 1,000 Fashion-MNIST test items.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { encodeBnds } from './bnds.mjs';

const HEADER = 20;

function split(file) {
  const bytes = fs.readFileSync(file);
  if (bytes.toString('ascii', 0, 4) !== 'BNDS') throw new Error(`${file} is not a .bnds file`);
  const [count, rows, cols] = [8, 12, 16].map((at) => bytes.readUInt32LE(at));
  const size = rows * cols;
  const parts = { test: { pixels: [], labels: [] }, train: { pixels: [], labels: [] } };
  for (let i = 0; i < count; i++) {
    const part = parts[i % 10 === 9 ? 'test' : 'train'];
    part.pixels.push(bytes.subarray(HEADER + i * size, HEADER + (i + 1) * size));
    part.labels.push(bytes[HEADER + count * size + i]);
  }
  return Object.fromEntries(Object.entries(parts).map(([name, part]) =>
    [name, encodeBnds(Buffer.concat(part.pixels), part.labels, rows, cols)]));
}

const [dataDir, outDir] = process.argv.slice(2);
if (!dataDir || !outDir) {
  console.error('usage: node scripts/web_data.mjs DATA_DIR OUT_DIR');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });
for (const id of ['mnist', 'fashion']) {
  for (const [name, bytes] of Object.entries(split(path.join(dataDir, `${id}10k.bnds`)))) {
    fs.writeFileSync(path.join(outDir, `${id}-${name}.bnds.gz`), zlib.gzipSync(bytes, { level: 9 }));
  }
}
