// The code strip under the reconstruction: the bottleneck itself, on screen. It shows the drawing's
// code for every kind of model, a sparse model's firing units, and a bar dragged by hand changes
// what the decoder is given until "Back to my drawing".

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clickRect, describePlayground, framesPass, l1Distance, layout, pollUntil, reconstruction, saveScreenshot, state,
} from './harness.mjs';

// A preset by its key, a test digit on the pad, and the code of it read.
async function presetWithDigit(page, key, preset) {
  await page.keyboard.press(key);
  await pollUntil(() => state(page), (s) => s.preset === preset && s.link.settled, { timeoutMs: 20_000 });
  await page.keyboard.press('r');
  await pollUntil(() => state(page), (s) => s.drawing.testImage !== null, { timeoutMs: 5_000 });
  await framesPass(page, 3);  // the key is read after the frame's update: the code follows a frame later
  return state(page);
}

describePlayground('the code strip', { isolation: true }, (session) => {
  test('dragging a bar changes the rebuild, and Back to my drawing restores it bit for bit', async () => {
    const { page } = session;
    const s = await presetWithDigit(page, '1', 'Undercomplete');
    assert.equal(s.code.values.length, 32);
    assert.equal(s.code.active, null);
    assert.equal(s.code.edited, false);
    const before = await reconstruction(page);
    const strip = (await layout(page)).codeStrip;
    assert.ok(strip.w > 100 && strip.h > 10, `the strip is ${strip.w}x${strip.h}`);
    // Unit 5's bar, pulled from the middle to the top of the strip.
    const x = strip.x + (5.5 * strip.w) / 32;
    await page.mouse.move(x, strip.y + strip.h / 2);
    await framesPass(page, 2);
    await page.mouse.down();
    await page.mouse.move(x, strip.y + 1, { steps: 8 });
    await framesPass(page, 2);
    await page.mouse.up();
    const edited = await pollUntil(() => state(page), (x2) => x2.code.edited, { timeoutMs: 5_000 });
    assert.ok(edited.code.edited);
    assert.notEqual(edited.code.values[5], s.code.values[5]);
    assert.deepEqual(edited.code.values.filter((_, i) => i !== 5), s.code.values.filter((_, i) => i !== 5),
      'only the dragged unit changed');
    const changed = await pollUntil(() => reconstruction(page), (r) => l1Distance(r, before) > 1, { timeoutMs: 5_000 });
    assert.ok(l1Distance(changed, before) > 1, 'the reconstruction did not follow the edited code');
    await saveScreenshot(page, 'code-edited.png');
    await clickRect(page, (await layout(page)).codeBackButton);
    const back = await pollUntil(() => state(page), (x2) => !x2.code.edited, { timeoutMs: 5_000 });
    assert.deepEqual(back.code.values, s.code.values);
    const restored = await pollUntil(() => reconstruction(page), (r) => l1Distance(r, before) === 0,
      { timeoutMs: 5_000 });
    assert.deepEqual(restored, before, 'Back to my drawing did not restore the reconstruction bit for bit');
  });

  test('the sparse preset lights its firing units, as many as the core counts', async () => {
    const { page } = session;
    const s = await presetWithDigit(page, '2', 'Sparse');
    assert.equal(s.code.values.length, 128);
    const firing = s.code.values.filter((v) => Math.abs(v) > 0.01).length;
    assert.equal(s.code.active, firing);
    assert.ok(firing > 0 && firing < 128, `${firing} of 128 units fire`);
    await saveScreenshot(page, 'code-sparse.png');
  });

  test('the VAE and the convolutional model show their codes too', async () => {
    const { page } = session;
    const vae = await presetWithDigit(page, '4', 'VAE 2-D');
    assert.equal(vae.code.values.length, 2);
    await saveScreenshot(page, 'code-vae.png');
    const conv = await presetWithDigit(page, '5', 'Convolutional');
    assert.equal(conv.code.values.length, 32);
    await saveScreenshot(page, 'code-conv.png');
    await presetWithDigit(page, '1', 'Undercomplete');
    await saveScreenshot(page, 'code-ae.png');
  });
});
