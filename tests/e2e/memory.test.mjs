// Memory through a class demo: a teacher clicks through every preset, again and again, with each
// preset's tab open for a moment, then trains. The threaded build's heap is fixed, and running out
// of it used to abort the page (and lose everything on it), so this watches the WebAssembly heap's
// high-water mark, on both builds. The convolutional model with every tab open is the heaviest
// case: each tab pushes 1,000 test images (2,000 for the Anomaly tab) through the model.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clickRect, describePlayground, drawPad, layout, pollUntil, saveScreenshot, scrollIntoView, state, sum, typeInto,
} from './harness.mjs';

const PRESETS = [
  ['Undercomplete', 'ae'], ['Sparse', 'sparse'], ['Denoising', 'denoise'], ['VAE 2-D', 'vae'],
  ['Convolutional', 'conv'], ['Anomaly', 'ae'], ['AE vs PCA', 'ae'], ['Few labels', 'ae'],
];
const TABS = ['Training', 'Latent', 'Generate', 'Anomaly', 'Features', 'Compression'];
const MB = 1024 * 1024;
// The allocator's high-water mark through all of this measured 64-70 MB in both builds. Before
// whole data sets went through the model in chunks, the conv model's Latent tab took it to 175 MB
// and its Anomaly tab past the mt build's fixed 256 MB heap, which aborted the page.
const PEAK_BOUND = 112 * MB;

const megabytes = (bytes) => `${(bytes / MB).toFixed(1)} MB`;

function memoryDemo(session) {
  test('three rounds of the eight presets (keys 1-8), each with its tab open a moment', async () => {
    const { page } = session;
    await page.locator('#canvas').focus();
    for (let round = 0; round < 3; round++) {
      for (const [index, [name, kind]] of PRESETS.entries()) {
        await page.keyboard.press(String(index + 1));
        const s = await pollUntil(() => state(page), (x) => x.preset === name && x.modelKind === kind,
          { timeoutMs: 10_000 });
        assert.equal(s.modelKind, kind, `${name} loaded a ${s.modelKind} model`);
        await page.waitForTimeout(700);  // the tab computes its view (codes, scores, samples)
        const now = await state(page);
        assert.equal(now.notice, '', `${name}: ${now.notice}`);
        assert.ok(now.memory.peak < PEAK_BOUND, `${name} (round ${round + 1}): the heap's high-water mark is `
          + `${megabytes(now.memory.peak)}, over ${megabytes(PEAK_BOUND)}`);
      }
    }
  });

  test('the convolutional model with every tab open in turn', async () => {
    const { page } = session;
    await page.keyboard.press('5');
    await pollUntil(() => state(page), (x) => x.modelKind === 'conv', { timeoutMs: 10_000 });
    for (const tab of TABS) {
      await clickRect(page, (await layout(page)).tabs[tab]);
      const s = await pollUntil(() => state(page), (x) => x.panels.includes(tab), { timeoutMs: 5_000 });
      assert.ok(s.panels.includes(tab), `the ${tab} tab did not open`);
      await page.waitForTimeout(700);
      const now = await state(page);
      assert.equal(now.notice, '', `${tab}: ${now.notice}`);
      assert.ok(now.memory.peak < PEAK_BOUND,
        `conv, ${tab} tab: the heap's high-water mark is ${megabytes(now.memory.peak)}, over ${megabytes(PEAK_BOUND)}`);
    }
  });

  test('then trains for a few seconds', async () => {
    const { page } = session;
    const before = await state(page);
    await page.keyboard.press('Space');
    const trained = await pollUntil(() => state(page), (s) => s.step >= before.step + 20, { timeoutMs: 20_000 });
    await page.waitForTimeout(2_000);
    await page.keyboard.press('Space');
    const after = await pollUntil(() => state(page), (s) => !s.training, { timeoutMs: 5_000 });
    assert.ok(trained.step >= before.step + 20, `only ${trained.step - before.step} steps`);
    assert.ok(Number.isFinite(after.trainLoss), `train loss ${after.trainLoss}`);
    assert.ok(after.memory.peak < PEAK_BOUND,
      `after training: the heap's high-water mark is ${megabytes(after.memory.peak)}, over ${megabytes(PEAK_BOUND)}`);
    console.log(`heap (${after.build}): in use ${megabytes(after.memory.inUse)}, high-water `
      + `${megabytes(after.memory.peak)}, heap ${megabytes(after.memory.heapSize)}`);
  });

  test('a model too big for the heap is refused with a reason; the model and the drawing stay', async () => {
    const { page } = session;
    await page.keyboard.press('1');
    await pollUntil(() => state(page), (x) => x.preset === 'Undercomplete' && x.modelKind === 'ae',
      { timeoutMs: 10_000 });
    await page.keyboard.press('r');  // a test digit on the pad
    const before = await pollUntil(() => state(page), (x) => x.drawing.testImage !== null, { timeoutMs: 3_000 });
    const pad = await drawPad(page);
    await clickRect(page, (await layout(page)).tabs.Training);
    await clickRect(page, (await layout(page)).editorHeader);
    await pollUntil(() => layout(page), (l) => l.editorBuildButton.w > 0, { timeoutMs: 3_000 });
    // Eight hidden layers of 4,096 pass every size check, but training their 242 million weights
    // takes 5.5 GB: the memory budget refuses them, with the numbers, before anything is allocated.
    await typeInto(page, await scrollIntoView(page, 'editorHiddenField', 'sidePanel'), Array(8).fill(4096).join(','));
    await clickRect(page, await scrollIntoView(page, 'editorBuildButton', 'sidePanel'));
    const refused = await pollUntil(() => state(page), (x) => x.editor.error !== '', { timeoutMs: 30_000 });
    await saveScreenshot(page, `memory-refused-${refused.build}.png`);
    assert.match(refused.editor.error,
      /^Not enough memory for AE-32: .*: it needs about 5\.5 GB \(weights 922 MB, .*this page has (96|512) MB for a model\./);
    assert.equal(refused.modelKind, 'ae');
    assert.deepEqual(refused.hidden, before.hidden, 'the refused model replaced the current one');
    assert.equal(refused.step, before.step);
    assert.equal(sum(await drawPad(page)), sum(pad), 'the drawing changed');
    // And the playground goes on: the current model still trains.
    await page.keyboard.press('s');
    const stepped = await pollUntil(() => state(page), (x) => x.step === before.step + 1, { timeoutMs: 10_000 });
    assert.equal(stepped.step, before.step + 1);
  });
}

for (const isolation of [true, false]) describePlayground('memory through a class demo', { isolation }, memoryDemo);
