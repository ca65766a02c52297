// The command line against the hostile files of issue 29: each is refused with a message and exit
// status 1, quickly and within a small memory limit, never by a signal.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { deeplyNestedSafetensors, hugeConfigSafetensors, pngClaiming, safetensorsOf, stbHuffmanJpeg }
  from '../support/hostile.mjs';
import { encodePng, strokePicture } from '../support/png.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.resolve(repoRoot, process.env.BOTTLENECK_CLI ?? 'build/native/bottleneck');

// Under a 2 GB address-space limit: a CLI that allocated before it checked (7.9 GB for the 499-byte
// file, once) dies of bad_alloc here instead of passing.
function run(...args) {
  const quoted = [cli, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  return spawnSync('bash', ['-c', `ulimit -v 2000000; exec ${quoted}`], { encoding: 'utf8', timeout: 60_000 });
}

describe('bottleneck on hostile files', () => {
  let dir;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-hostile-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (name, bytes) => {
    const at = path.join(dir, name);
    fs.writeFileSync(at, bytes);
    return at;
  };
  const refused = (result, pattern) => {
    assert.equal(result.signal, null, `killed by ${result.signal}\n${result.stderr}`);
    assert.equal(result.status, 1, `exit ${result.status}\n${result.stderr}`);
    assert.match(result.stderr, pattern);
    assert.equal(result.stdout, '');
  };

  test('a header nested 150,000 deep (300 KB; a stack overflow once)', () => {
    refused(run('eval', '--model', file('deep.safetensors', deeplyNestedSafetensors(150_000))), /more than 16 deep/);
  });

  test('a 499-byte file whose config claims the largest model', () => {
    const bytes = hugeConfigSafetensors();
    assert.ok(bytes.length < 600);
    const result = run('eval', '--model', file('huge.safetensors', bytes));
    refused(result, /needs about .* GB|but the file holds only/);
  });

  test('shapes that are not whole numbers, and a count that wraps around', () => {
    const floatShape = safetensorsOf('{"t": {"dtype": "F32", "shape": [3.9], "data_offsets": [0, 12]}}', 12);
    const wrapping = safetensorsOf(
      '{"t": {"dtype": "F32", "shape": [2147483648, 2147483648, 4], "data_offsets": [0, 0]}}');
    const input = file('x.safetensors', floatShape);
    const model = path.join(dir, 'model.safetensors');
    assert.equal(run('train', '--epochs', '1', '--hidden', '16', '--latent', '2', '--out', model).status, 0);
    refused(run('reconstruct', '--model', model, '--input', input, '--out', path.join(dir, 'y.safetensors')),
      /shape holds 3\.9/);
    refused(run('reconstruct', '--model', model, '--input', file('w.safetensors', wrapping), '--out',
      path.join(dir, 'y.safetensors')), /more values than the file holds/);
  });

  test('pictures that claim 20000x20000 pixels, or break stb_image 2.27, are skipped with the reason', () => {
    const folder = path.join(dir, 'pictures');
    fs.mkdirSync(folder);
    for (let i = 0; i < 4; i++) {
      fs.writeFileSync(path.join(folder, `ok${i}.png`), encodePng(32, 32, strokePicture(i, true, 32)));
    }
    fs.writeFileSync(path.join(folder, 'huge.png'), pngClaiming(20000, 20000));
    fs.writeFileSync(path.join(folder, 'stb.jpg'), stbHuffmanJpeg());
    const result = run('train', '--dataset', folder, '--epochs', '1', '--hidden', '16', '--latent', '2',
      '--batch', '2');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /huge\.png \(too large: 20000x20000 pixels/);
    assert.match(result.stderr, /stb\.jpg \(a damaged JPEG image/);
  });
});
