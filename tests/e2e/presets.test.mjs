// Presets and noise, driven with the mouse: a first visit starts on the pretrained denoising model,
// every preset loads its own pretrained model at one click, and the noise slider does what the
// PSNR readouts say.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clickRect, describePlayground, distinctColours, layout, pollScreenshot, pollUntil, regionStats, saveScreenshot, state,
  strokeOnPad,
} from './harness.mjs';

const PRESETS = {
  Undercomplete: 'ae', Sparse: 'sparse', Denoising: 'denoise', 'VAE 2-D': 'vae', Convolutional: 'conv',
  Anomaly: 'ae', 'AE vs PCA': 'ae', 'Few labels': 'ae',
};

const fileName = (name) => `preset-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.png`;

async function expectDefaultPreset(page) {
  const s = await pollUntil(() => state(page), (x) => x.modelKind === 'denoise' && x.testLoss !== null,
    { timeoutMs: 10_000 });
  assert.equal(s.preset, 'Denoising');
  assert.equal(s.modelKind, 'denoise');
  assert.deepEqual(s.noise, { type: 'gaussian', level: 0.5 });
  // Pretrained, not trained here: its test loss is already that of 20 epochs, at step 0.
  assert.equal(s.step, 0);
  assert.ok(s.testLoss < 0.16, `the default model looks untrained: test loss ${s.testLoss}`);
  assert.equal(s.notice, '');
}

// Clicks each preset in turn: its pretrained model loads at step 0, the tab it opens is shown, and
// the screen, the drawing and the Model panel all have content (a screenshot each).
async function expectEveryPresetRenders(page, screenshotPrefix) {
  await strokeOnPad(page, (await layout(page)).pad);
  for (const [name, kind] of Object.entries(PRESETS)) {
    await clickRect(page, (await layout(page)).presetButtons[name]);
    const s = await pollUntil(() => state(page), (x) => x.preset === name && x.modelKind === kind && x.testLoss !== null,
      { timeoutMs: 10_000 });
    assert.equal(s.preset, name);
    assert.equal(s.modelKind, kind, `${name} loaded a ${s.modelKind} model`);
    assert.equal(s.step, 0);
    assert.equal(s.notice, '', `${name}: ${s.notice}`);
    if (kind === 'vae') assert.equal(s.latent, 2);
    // Below the Model panel's title and tabs: an empty panel is a flat 15.3 (measured); content
    // (text, digits, plots) lifts the mean to 20-32. The opened tab computes its view (codes,
    // scores) in the frames after it opens: screenshots until it shows, then the same checks.
    const current = await layout(page);
    const panel = current.sidePanel;
    const panelContent = (image) => regionStats(image, { x: panel.x, y: panel.y + 75, w: panel.w, h: panel.h - 80 });
    const image = await pollScreenshot(page, screenshotPrefix + fileName(name), (shot) => {
      const content = panelContent(shot);
      return regionStats(shot, current.pad).brightest > 200 && content.brightest > 150 && content.mean > 18;
    });
    assert.ok(distinctColours(image) >= 20, `${name}: blank screen`);
    assert.ok(regionStats(image, current.pad).brightest > 200, `${name}: the drawing is not visible`);
    const content = panelContent(image);
    assert.ok(content.brightest > 150 && content.mean > 18,
      `${name}: the Model panel's tab looks empty (${JSON.stringify(content)})`);
  }
}

describePlayground('presets and noise', { isolation: true }, (session) => {
  test('a first visit starts on the pretrained denoising preset', async () => {
    await expectDefaultPreset(session.page);
  });

  test('each preset button loads its pretrained model and renders', async () => {
    await expectEveryPresetRenders(session.page, '');
  });

  test('the noise slider lowers the noisy PSNR while the output stays above it', async () => {
    const { page } = session;
    await clickRect(page, (await layout(page)).presetButtons.Denoising);
    await pollUntil(() => state(page), (x) => x.modelKind === 'denoise', { timeoutMs: 10_000 });
    await page.evaluate(() => window.bottleneck.setNoise('gaussian', 0.1));
    const low = await pollUntil(() => state(page), (x) => x.noise.level === 0.1 && x.psnr.noisy !== null,
      { timeoutMs: 3_000 });
    // Drag the slider's grab to its far right, as a user would.
    const slider = (await layout(page)).noiseSlider;
    await page.mouse.move(slider.x + slider.w * 0.1, slider.y + slider.h / 2);
    await page.mouse.down();
    await page.mouse.move(slider.x + slider.w - 2, slider.y + slider.h / 2, { steps: 10 });
    await page.mouse.up();
    const high = await pollUntil(() => state(page), (x) => x.noise.level > 0.8, { timeoutMs: 3_000 });
    assert.ok(high.noise.level > 0.8, `the slider did not move the level: ${high.noise.level}`);
    assert.ok(high.psnr.noisy < low.psnr.noisy - 5,
      `noisy PSNR ${low.psnr.noisy} -> ${high.psnr.noisy}: more noise should lower it`);
    assert.ok(high.psnr.output > high.psnr.noisy + 3,
      `the denoiser's output (${high.psnr.output} dB) should beat its noisy input (${high.psnr.noisy} dB)`);
    await saveScreenshot(page, 'noise-heavy.png');
  });

  test('the 3x3 median filter shows beside the model, and beats the noisy input on salt and pepper', async () => {
    const { page } = session;
    await page.keyboard.press('r');  // a test digit
    await page.evaluate(() => window.bottleneck.setNoise('salt_pepper', 0.3));
    await clickRect(page, (await layout(page)).medianCheckbox);
    const s = await pollUntil(() => state(page), (x) => x.medianShown && x.noise.type === 'salt_pepper',
      { timeoutMs: 5_000 });
    assert.equal(s.medianShown, true);
    assert.ok(s.psnr.median > s.psnr.noisy + 5, `median ${s.psnr.median} dB, noisy input ${s.psnr.noisy} dB`);
    await saveScreenshot(page, 'noise-median.png');
    await clickRect(page, (await layout(page)).medianCheckbox);
    assert.equal((await pollUntil(() => state(page), (x) => !x.medianShown, { timeoutMs: 5_000 })).medianShown, false);
  });

  test('bad settings are refused with a reason, and nothing changes', async () => {
    const { page } = session;
    const before = await state(page);
    const refusal = await page.evaluate(() => {
      try {
        window.bottleneck.setNoise('gaussian', -3);
        return '';
      } catch (error) {
        return error.message;
      }
    });
    assert.match(refusal, /noise level must be/);
    assert.equal(await page.evaluate(() => window.bottleneck.selectPreset('GAN')), false);
    const after = await state(page);
    assert.deepEqual(after.noise, before.noise);
    assert.equal(after.preset, before.preset);
    assert.match(after.notice, /no preset called 'GAN'/);
  });

  test('Reset forgets the pretrained weights, Load pretrained brings them back, slow motion steps slowly', async () => {
    const { page } = session;
    await clickRect(page, (await layout(page)).presetButtons.Undercomplete);
    await pollUntil(() => state(page), (s) => s.preset === 'Undercomplete' && s.modelKind === 'ae' && s.testLoss < 0.12,
      { timeoutMs: 10_000 });
    await clickRect(page, (await layout(page)).tabs.Training);
    await clickRect(page, (await layout(page)).resetButton);
    const reset = await pollUntil(() => state(page), (s) => s.testLoss > 0.5, { timeoutMs: 5_000 });
    assert.ok(reset.testLoss > 0.5, `after Reset the test loss is ${reset.testLoss}`);
    await clickRect(page, (await layout(page)).loadPretrainedButton);
    const back = await pollUntil(() => state(page), (s) => s.testLoss !== null && s.testLoss < 0.12, { timeoutMs: 5_000 });
    assert.ok(back.testLoss < 0.12, `Load pretrained gave a test loss of ${back.testLoss}`);

    // Slow motion is one step every 0.25 s of the app's clock. From its first step on, eight more
    // take at least 7 × 0.25 s (one interval of slack for when each was seen), however slow the
    // frames of a loaded machine: training at full speed would take them in a blink.
    const start = await state(page);
    await clickRect(page, (await layout(page)).slowMotionCheckbox);
    const poll = (accept) => pollUntil(() => state(page), accept, { timeoutMs: 20_000, intervalMs: 20 });
    const first = await poll((s) => s.step > start.step);
    const firstSeenAt = Date.now();
    const later = await poll((s) => s.step >= first.step + 8);
    const seconds = (Date.now() - firstSeenAt) / 1000;
    await clickRect(page, (await layout(page)).slowMotionCheckbox);
    const steps = later.step - first.step;
    assert.ok(first.step > start.step, 'slow motion took no step');
    assert.ok(steps >= 8, `slow motion took only ${steps} more steps in ${seconds.toFixed(1)} s`);
    assert.ok((steps - 1) * 0.25 <= seconds, `slow motion took ${steps} steps in ${seconds.toFixed(2)} s`);
  });

  test('keyboard shortcuts: ? for help, 1-8 presets, n noise, s step, c clear', async () => {
    const { page } = session;
    await page.locator('#canvas').focus();
    await page.keyboard.press('Shift+Slash');
    assert.equal((await pollUntil(() => state(page), (s) => s.helpOpen, { timeoutMs: 2_000 })).helpOpen, true);
    await saveScreenshot(page, 'help-overlay.png');
    await page.keyboard.press('Escape');
    assert.equal((await pollUntil(() => state(page), (s) => !s.helpOpen, { timeoutMs: 2_000 })).helpOpen, false);

    await page.keyboard.press('1');
    const undercomplete = await pollUntil(() => state(page), (s) => s.preset === 'Undercomplete' && s.modelKind === 'ae',
      { timeoutMs: 5_000 });
    assert.equal(undercomplete.preset, 'Undercomplete');
    assert.equal(undercomplete.noise.type, 'none');
    await page.keyboard.press('n');
    assert.equal((await pollUntil(() => state(page), (s) => s.noise.type !== 'none', { timeoutMs: 2_000 })).noise.type,
      'gaussian');
    const before = await state(page);
    await page.keyboard.press('s');
    const stepped = await pollUntil(() => state(page), (s) => s.step === before.step + 1, { timeoutMs: 5_000 });
    assert.equal(stepped.step, before.step + 1);
    assert.equal(stepped.training, false);
    await strokeOnPad(page, (await layout(page)).pad);
    await page.keyboard.press('c');
    const cleared = await pollUntil(() => page.evaluate(() => window.bottleneck.drawPad()),
      (pad) => pad.every((v) => v === 0), { timeoutMs: 2_000 });
    assert.ok(cleared.every((v) => v === 0), 'c did not clear the pad');
  });
});

describePlayground('presets', { isolation: false }, (session) => {
  test('the single-thread build also starts on the pretrained denoising preset', async () => {
    await expectDefaultPreset(session.page);
    await saveScreenshot(session.page, 'st-default-preset.png');
  });

  test('each preset loads its pretrained model and renders in the single-thread build too', async () => {
    await expectEveryPresetRenders(session.page, 'st-');
  });
});
