// The command line as a user runs it: a learning rate that makes the loss explode (while it stays
// finite) ends `bottleneck train` with a clear message and a non-zero exit, and no result line.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.resolve(repoRoot, process.env.BOTTLENECK_CLI ?? 'build/native/bottleneck');

function train(...args) {
  return spawnSync(cli, ['train', ...args], { encoding: 'utf8', timeout: 300_000 });
}

test('bottleneck train --lr 10 stops at the divergence, says why and what to try, and exits 1', () => {
  const run = train('--lr', '10', '--epochs', '1');
  assert.equal(run.status, 1, `exit ${run.status}\n${run.stderr}`);
  assert.match(run.stderr,
    /bottleneck train: training diverged in epoch 1, at step \d+: the loss rose from [\d.]+ to /);
  assert.match(run.stderr, /Try a lower learning rate than 10\./);
  assert.equal(run.stdout, '', 'a diverged run printed a result');
});

test('the same model at --lr 0.001 trains and prints its result', () => {
  const run = train('--lr', '0.001', '--epochs', '2');
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout);
  // Untrained, AE-32 scores 0.69 and the mean image 0.263; two epochs measured 0.196.
  assert.ok(result.test_bce < 0.22, `test BCE ${result.test_bce} after two epochs`);
});

test('bottleneck train --dataset <folder> trains on your own pictures, skipping a broken one', async () => {
  const { encodePng, strokePicture } = await import('../support/png.mjs');
  const fs = await import('node:fs');
  const os = await import('node:os');
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-yours-'));
  try {
    for (let i = 0; i < 20; i++) {
      const sub = path.join(folder, String(i % 2));   // folders 0 and 1: labels
      fs.mkdirSync(sub, { recursive: true });
      fs.writeFileSync(path.join(sub, `p${i}.png`), encodePng(48, 48, strokePicture(i, i % 3 === 0)));
    }
    fs.writeFileSync(path.join(folder, 'broken.png'), 'not a picture');
    const run = train('--dataset', folder, '--epochs', '30', '--latent', '8', '--batch', '8');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /yours \(.*\): 20 images; 1 file skipped: broken\.png \(not a readable PNG or JPEG/);
    assert.match(run.stderr, /18 to train on, 2 to test/);
    const result = JSON.parse(run.stdout);
    assert.equal(result.dataset, 'yours');
    // One epoch leaves 0.68 BCE; thirty measured 0.032.
    assert.ok(result.test_bce < 0.15, `test BCE ${result.test_bce} after 30 epochs on 18 images`);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test('bottleneck train --dataset with a path that is not there says what it expects', () => {
  const run = train('--dataset', '/no/such/folder', '--epochs', '1');
  assert.equal(run.status, 1);
  assert.match(run.stderr, /unknown dataset '\/no\/such\/folder' \(expected mnist, fashion, or a folder or \.csv file/);
});
