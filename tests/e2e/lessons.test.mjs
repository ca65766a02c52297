// The first minute and the lessons, in both builds: a first visit shows a digit being cleaned, and
// a teacher can run a lesson end to end with the buttons alone.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clickRect, describePlayground, drawPad, framesPass, layout, pollUntil, saveScreenshot, state, sum,
} from './harness.mjs';

const LESSONS = {
  bottleneck: 'Undercomplete', pca: 'AE vs PCA', denoising: 'Denoising', hidden: 'Undercomplete', sparse: 'Sparse',
  vae: 'VAE 2-D', anomaly: 'Anomaly', 'few-labels': 'Few labels', compression: 'AE vs PCA',
};

// Clicks a widget of the Lessons window by its probe name, once it is on screen.
async function press(page, name) {
  const rect = await pollUntil(() => layout(page), (l) => name.split('.').reduce((o, k) => o?.[k], l)?.w > 0,
    { timeoutMs: 5_000 });
  await clickRect(page, name.split('.').reduce((o, k) => o[k], rect));
  await framesPass(page, 2);
}

const lessonState = async (page, accept) => pollUntil(() => state(page), accept, { timeoutMs: 20_000 });

for (const isolation of [true, false]) {
  describePlayground('the first minute and the lessons', { isolation }, (session, build) => {
    test('a first visit shows a test digit on the pad, noisy in and clean out', async () => {
      const { page } = session;
      // The rebuild of the digit comes a frame or two after the digit.
      const s = await lessonState(page, (x) => x.drawing.testImage !== null && x.psnr.output > x.psnr.noisy + 3);
      assert.equal(s.preset, 'Denoising');
      assert.equal(s.drawing.testImage, 0);
      assert.ok(sum(await drawPad(page)) > 20, 'the pad is empty on a first visit');
      assert.ok(s.psnr.output > s.psnr.noisy + 3, `output ${s.psnr.output} dB, noisy input ${s.psnr.noisy} dB`);
      await saveScreenshot(page, `first-visit-${build}.png`);
    });

    test('the denoising lesson, clicked through step by step with the mouse', async () => {
      const { page } = session;
      await press(page, 'lessonsButton');
      await press(page, 'lessonButtons.denoising');
      let s = await lessonState(page, (x) => x.lesson.id === 'denoising');
      assert.deepEqual({ id: s.lesson.id, step: s.lesson.step, steps: s.lesson.steps },
        { id: 'denoising', step: 0, steps: 4 });
      assert.ok(s.link.text.includes('lesson=denoising'), `the link ${s.link.text} does not carry the lesson`);
      await page.keyboard.press('c');
      const checks = [
        (x) => x.preset === 'Denoising' && x.link.settled,
        (x) => x.drawing.testImage !== null,
        (x) => x.noise.type === 'salt_pepper',
        (x) => x.medianShown && x.psnr.median !== null,
      ];
      for (const [step, done] of checks.entries()) {
        s = await lessonState(page, (x) => x.lesson.step === step);
        assert.equal(s.lesson.step, step);
        if (step === 0) await saveScreenshot(page, `lesson-denoising-${build}.png`);
        await press(page, 'lessonDoButton');
        s = await lessonState(page, done);
        assert.ok(done(s), `step ${step + 1}'s button did not do what it says`);
        await press(page, 'lessonNextButton');
      }
      s = await lessonState(page, (x) => x.lesson.id === '');
      assert.equal(s.lesson.open, true, 'Finish goes back to the list, with the window still open');
      await saveScreenshot(page, `lesson-finished-${build}.png`);
    });

    test('every other lesson opens on its first step, whose button loads its preset', async () => {
      const { page } = session;
      for (const [id, preset] of Object.entries(LESSONS)) {
        if (id === 'denoising') continue;
        await press(page, `lessonButtons.${id}`);
        const opened = await lessonState(page, (x) => x.lesson.id === id);
        assert.equal(opened.lesson.step, 0);
        assert.ok(opened.lesson.steps >= 3 && opened.lesson.steps <= 5);
        await press(page, 'lessonDoButton');
        await lessonState(page, (x) => x.preset === preset && x.link.settled);
        if (build === 'mt') await saveScreenshot(page, `lesson-${id}.png`);
        await press(page, 'lessonListButton');
        await lessonState(page, (x) => x.lesson.id === '');
      }
    });

    test('lesson= in the link opens that lesson, and L closes the window', async () => {
      const { page } = session;
      await page.evaluate(() => { location.hash = 'lesson=vae'; });
      const s = await lessonState(page, (x) => x.lesson.id === 'vae' && x.link.settled);
      assert.equal(s.lesson.step, 0);
      await page.keyboard.press('l');
      const closed = await lessonState(page, (x) => !x.lesson.open);
      assert.equal(closed.lesson.id, '');
    });
  });
}
