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
