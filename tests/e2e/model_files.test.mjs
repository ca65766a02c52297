// Models in and out of the page: Download model saves the model as a .safetensors file, and Load
// model (or a drop) brings one back: the same model, another architecture, or a refusal with the
// reason while the current model stays.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  chooseFiles, clickRect, describePlayground, dropFiles, framesPass, layout, openTab, pollUntil, reconstruction,
  saveScreenshot, state,
} from './harness.mjs';

// Test image 0 on the pad, without noise: what both pages rebuild. A first visit shows it already;
// a page opened from a link (the reloaded one: its hash followed the preset) shows it at the first
// press of the right arrow.
async function firstDigitWithoutNoise(page) {
  await page.evaluate(() => window.bottleneck.setNoise('none', 0));
  if ((await state(page)).drawing.testImage === null) await page.keyboard.press('ArrowRight');
  const s = await pollUntil(() => state(page), (x) => x.noise.type === 'none' && x.drawing.testImage !== null,
    { timeoutMs: 5_000 });
  assert.equal(s.drawing.testImage, 0, 'the first visit\'s digit is not on the pad');
  await framesPass(page, 3);
}

// Load model, and the file chooser answered with `file`; resolves to the state once settled.
const loadFile = (page, file) => chooseFiles(page, 'loadModelButton', file);

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.resolve(repoRoot, process.env.BOTTLENECK_CLI ?? 'build/native/bottleneck');

describePlayground('model files', { isolation: true }, (session) => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-files-'));

  test('Download model, reload, Load model: the reconstructions are identical', async () => {
    const { page } = session;
    await page.keyboard.press('1');  // Undercomplete, then a few steps of its own
    await pollUntil(() => state(page), (s) => s.preset === 'Undercomplete' && s.link.settled, { timeoutMs: 20_000 });
    for (let i = 0; i < 3; i++) await page.keyboard.press('s');
    await pollUntil(() => state(page), (s) => s.step >= 3, { timeoutMs: 20_000 });
    await firstDigitWithoutNoise(page);
    const before = await reconstruction(page);
    await openTab(page, 'Training');
    const [download] = await Promise.all([page.waitForEvent('download'),
      clickRect(page, (await layout(page)).downloadModelButton)]);
    assert.match(download.suggestedFilename(), /^bottleneck-mnist-ae-32-step\d+\.safetensors$/);
    const saved = path.join(work, download.suggestedFilename());
    await download.saveAs(saved);
    assert.ok(fs.statSync(saved).size > 900_000, 'the file is smaller than AE-32 weights in float32');
    // The page's file is the CLI's: `bottleneck eval` scores it.
    const evaluated = spawnSync(cli, ['eval', '--model', saved], { encoding: 'utf8', timeout: 120_000,
      env: { ...process.env, BOTTLENECK_DATA: process.env.BOTTLENECK_DATA ?? path.join(repoRoot, '.deps/data') } });
    assert.equal(evaluated.status, 0, evaluated.stderr);
    const scored = JSON.parse(evaluated.stdout);
    assert.equal(scored.kind, 'ae');
    assert.ok(scored.test_bce < 0.2, `the downloaded model scores a test BCE of ${scored.test_bce} in the CLI`);

    await page.reload();
    await page.waitForFunction(
      () => window.bottleneck?.state().ready === true && window.bottleneck.state().link.settled, null,
      { timeout: 60_000 });
    const loaded = await loadFile(page, saved);
    assert.match(loaded.notice, /^Loaded bottleneck-mnist-ae-32-step\d+\.safetensors: AE-32/);
    await firstDigitWithoutNoise(page);
    const after = await pollUntil(() => reconstruction(page), (r) => r.every((v, i) => v === before[i]),
      { timeoutMs: 5_000 });
    const largest = after.reduce((m, v, i) => Math.max(m, Math.abs(v - before[i])), 0);
    assert.equal(largest, 0, `the loaded model rebuilds the digit differently (by up to ${largest})`);
  });

  test('a file of another architecture switches the model to its config', async () => {
    const { page } = session;
    // The repository's copy: the page's is gzip-compressed for the wire.
    const file = fileURLToPath(new URL('../../web/pretrained/mnist-vae.safetensors', import.meta.url));
    const s = await loadFile(page, file);
    assert.equal(s.modelKind, 'vae');
    assert.equal(s.latent, 2);
    assert.equal(s.preset, '');
    await saveScreenshot(page, 'model-file-loaded.png');
  });

  test('a PyTorch state dict without our config, dropped on the page, loads from its shapes', async () => {
    const { page } = session;
    const s = await dropFiles(page, [path.join(repoRoot, 'tests/fixtures/pytorch/ae-plain.safetensors')]);
    assert.match(s.notice, /^Loaded ae-plain\.safetensors: AE-4: 784-16-8-\[4\]-8-16-784/);
    assert.match(s.notice,
      / It has no Bottleneck config, so its shapes gave the model; assumed: ReLU activations and a BCE loss/);
    assert.equal(s.modelKind, 'ae');
    assert.equal(s.latent, 4);
    assert.deepEqual(s.hidden, [16, 8]);
  });

  test('a bad file is refused with the reason, and the model stays', async () => {
    const { page } = session;
    const bad = path.join(work, 'notes.safetensors');
    fs.writeFileSync(bad, 'these are not weights');
    const s = await loadFile(page, bad);
    assert.match(s.notice, /^Could not load notes\.safetensors: .+\. The current model stays\.$/);
    assert.equal(s.modelKind, 'ae');
    fs.rmSync(work, { recursive: true, force: true });
  });
});
