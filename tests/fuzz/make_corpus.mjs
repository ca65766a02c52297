// Seed corpora for the fuzz targets (tests/fuzz/*_fuzz.cpp), made from the project's own files and
// generators: small model files (PyTorch's fixtures and hand-made ones), the reproducers of issue 29,
// data sets, links, CSVs and pictures. libFuzzer mutates from these, so it starts inside each format.
//
//   node tests/fuzz/make_corpus.mjs <out dir>     # writes <out dir>/<target>/seed-*
//
// JPEG seeds need `cjpeg` (Debian's libjpeg-turbo-progs, which ./build.sh fuzz installs): PGM
// pictures of ours, encoded baseline and progressive.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  deeplyNestedSafetensors, hugeConfigSafetensors, longPanelsLink, pngClaiming, safetensorsOf, stbHuffmanJpeg,
} from '../support/hostile.mjs';
import { encodeBnds } from '../../scripts/bnds.mjs';
import { encodePng, strokePicture } from '../support/png.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = process.argv[2];
if (!out) {
  console.error('usage: make_corpus.mjs <out dir>');
  process.exit(2);
}

function seeds(target, items) {
  const dir = path.join(out, target);
  fs.mkdirSync(dir, { recursive: true });
  items.forEach((bytes, i) => fs.writeFileSync(path.join(dir, `seed-${String(i).padStart(3, '0')}`), bytes));
}

const f32 = (values) => Buffer.from(new Float32Array(values).buffer);

// A 4x4 PCA of 2 components, with its config: the smallest model file there is.
function tinyPca() {
  const config = JSON.stringify({ kind: 'pca', image_side: 4, latent: 2 });
  const header = JSON.stringify({
    __metadata__: { 'bottleneck.config': config, format: 'pt' },
    components: { dtype: 'F32', shape: [2, 16], data_offsets: [0, 128] },
    mean: { dtype: 'F16', shape: [16], data_offsets: [128, 160] },
  });
  const text = Buffer.from(header);
  const components = f32(Array(32).fill(0.25));
  return Buffer.concat([safetensorsOf(header).subarray(0, 8 + text.length), components, Buffer.alloc(32)]);
}

const fixtures = ['conv.safetensors', 'conv-plain.safetensors', 'pca.safetensors']
  .map((name) => fs.readFileSync(path.join(repoRoot, 'tests/fixtures/pytorch', name)));
seeds('safetensors_fuzz', [tinyPca(), ...fixtures, deeplyNestedSafetensors(40), hugeConfigSafetensors(),
  safetensorsOf('{"t": {"dtype": "F32", "shape": [3.9], "data_offsets": [0, 12]}}', 12),
  safetensorsOf('{"t": {"dtype": "BF16", "shape": [2147483648, 2147483648, 4], "data_offsets": [0, 0]}}')]);

// Bytes the target reads as tensor counts, names and extents (see pytorch_layout_fuzz.cpp).
seeds('pytorch_layout_fuzz', [
  Buffer.from([2, 0, 2, 2, 1, 16, 1, 1, 1, 2, 1, 16]),
  Buffer.from([4, 2, 2, 8, 1, 98, 8, 3, 1, 8, 1, 10, 2, 98, 8, 8, 1, 11, 1, 98, 8]),
  Buffer.from([12, 2, 4, 16, 1, 1, 1, 3, 1, 3, 1, 3, 1, 1, 16, 1, 4, 4, 32, 1, 16, 1, 3, 1, 3, 1]),
  Buffer.from([2, 0, 2, 255, 127, 255, 255, 255, 255, 255, 255, 255, 255, 1, 1, 1]),
]);

function bnds(count, rows, cols) {
  const pixels = Array.from({ length: count * rows * cols }, (_, i) => (i * 37) % 256);
  return encodeBnds(pixels, Array.from({ length: count }, (_, i) => i % 10), rows, cols);
}
seeds('bnds_fuzz', [bnds(3, 28, 28), bnds(1, 1, 1), bnds(2, 4, 7)]);

seeds('settings_fuzz', [
  '', 'preset=VAE%202-D&tab=latent', 'preset=&model=conv&channels=8,16&latent=16&lr=0.003',
  'model=sparse&sparsity=kl&rho=0.05&lambda=0.001&hidden=512,64', 'noise=mask&level=9&brush=hide&theme=light',
  'embed=1&panels=draw,reconstruction&controls=0&scale=2.25', 'lesson=vae',
  'data=fashion&seed=12345&opt=sgd&momentum=0.8',
  '?latent=abc&scale=9&%zz=1&=x&train_noise=salt_pepper&train_level=0.2', longPanelsLink(50),
].map((text) => Buffer.from(text)));

const csvPixels = (label) => Array.from({ length: 784 }, (_, p) => ((p * 7 + label) % 13 === 0 ? 255 : 0));
const csvRow = (label) => [label, ...csvPixels(label)].join(',');
seeds('image_csv_fuzz', [
  `label,${Array.from({ length: 784 }, (_, i) => `p${i}`).join(',')}\n${csvRow(3)}\n${csvRow(7)}\n`,
  `${csvRow(1).split(',').slice(1).map((v) => (v / 255).toFixed(2)).join(';')}\n`,
  `${csvRow(300)}\n${csvRow(2)}\n`,
].map((text) => Buffer.from(text)));

const pictures = [
  encodePng(28, 28, strokePicture(1, false, 28)), encodePng(40, 40, strokePicture(2, true, 40)),
  encodePng(16, 16, new Uint8Array(16 * 16 * 4).map((_, i) => (i % 4 === 3 ? (i * 5) % 256 : 200)), 4),
  pngClaiming(20000, 20000), stbHuffmanJpeg(),
];
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-corpus-'));
try {
  const pgm = path.join(scratch, 'p.pgm');
  const side = 32;
  const grey = Buffer.from(strokePicture(3, true, side));
  fs.writeFileSync(pgm, Buffer.concat([Buffer.from(`P5\n${side} ${side}\n255\n`), grey]));
  for (const extra of [[], ['-progressive'], ['-optimize', '-quality', '40']]) {
    pictures.push(execFileSync('cjpeg', [...extra, pgm]));
  }
} catch (error) {
  console.error(`make_corpus: no JPEG seeds (${error.message.split('\n')[0]}); install libjpeg-turbo-progs for them`);
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
seeds('image_import_fuzz', pictures);

seeds('own_images_fuzz', [Buffer.concat([Buffer.from([27, 27, 0]), Buffer.from(strokePicture(4, false, 28))]),
  Buffer.concat([Buffer.from([15, 15, 3]), Buffer.alloc(16 * 16 * 4, 128)])]);
