// The UI draws only when something on screen may have changed (src/app/platform/app.cpp), so that
// without a GPU the CPU goes to training: an idle page draws nothing, input wakes it at once, and
// training's plots and grid are drawn about ten times a second while the main loop keeps its pace.
// Both builds: the single-thread one trains between frames, in tasks of its own.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickRect, describePlayground, framesPass, layout, openTab, pollUntil, state } from './harness.mjs';

// Turns of the main loop and frames drawn over `ms`, read from state().
async function countOver(page, ms) {
  const before = await state(page);
  await page.waitForTimeout(ms);
  const after = await state(page);
  return {
    turns: after.frame - before.frame,
    drawn: after.drawnFrames - before.drawnFrames,
    steps: after.step - before.step,
    seconds: ms / 1000,
  };
}

for (const isolation of [true, false]) {
  const build = isolation ? 'mt' : 'st';
  describePlayground(`drawing on change (${build})`, { isolation }, (session) => {
    test('an idle page keeps its main loop turning and draws nothing', async () => {
      const { page } = session;
      await pollUntil(() => state(page), (s) => s.ready && s.trainImages > 0, { timeoutMs: 20_000 });
      await page.mouse.move(5, 5);  // wherever the pointer was: a last input, then none
      await page.waitForTimeout(1_500);
      const idle = await countOver(page, 2_000);
      assert.ok(idle.turns >= 20, `the main loop stalled: ${JSON.stringify(idle)}`);
      assert.ok(idle.drawn <= 1, `an idle page drew ${idle.drawn} frames in 2 s`);
    });

    test('input wakes the UI at once, and it sleeps again after', async () => {
      const { page } = session;
      const before = (await state(page)).drawnFrames;
      await page.mouse.move(400, 300);
      await framesPass(page, 3);
      const woken = (await state(page)).drawnFrames;
      assert.ok(woken >= before + 2, `a pointer move drew ${woken - before} frames`);
      await page.waitForTimeout(1_500);
      const idle = await countOver(page, 1_000);
      assert.ok(idle.drawn <= 1, `still drawing after the input: ${JSON.stringify(idle)}`);
    });

    test('while training, the UI draws about ten times a second and the steps go on', async () => {
      const { page } = session;
      await clickRect(page, (await layout(page)).trainButton);
      await pollUntil(() => state(page), (s) => s.training && s.step > 0, { timeoutMs: 10_000 });
      await page.mouse.move(5, 5);
      await page.waitForTimeout(1_500);  // past the input's moment of drawing
      const training = await countOver(page, 3_000);
      const perSecond = training.drawn / training.seconds;
      assert.ok(perSecond >= 4 && perSecond <= 15, `drew ${perSecond.toFixed(1)} frames a second while training`);
      assert.ok(training.turns > 2 * training.drawn,
        `the loop did not outpace the drawing: ${JSON.stringify(training)}`);
      assert.ok(training.steps > 10, `training barely moved: ${JSON.stringify(training)}`);
      const s = await state(page);
      assert.ok(s.samplesPerSecond > 0, 'no rate on screen while training');
      await clickRect(page, (await layout(page)).trainButton);
      await pollUntil(() => state(page), (x) => !x.training, { timeoutMs: 5_000 });
    });

    test('an animation draws every frame with no input: the VAE\'s walk on the Generate tab', async () => {
      const { page } = session;
      await page.keyboard.press('4');  // the VAE 2-D preset
      await pollUntil(() => state(page), (s) => s.ready && s.preset === 'VAE 2-D', { timeoutMs: 20_000 });
      await openTab(page, 'Generate');
      await page.mouse.move(5, 5);
      await page.waitForTimeout(1_500);
      const walking = await countOver(page, 1_500);
      assert.ok(walking.drawn >= 0.8 * walking.turns && walking.turns >= 10,
        `the interpolation stood still: ${JSON.stringify(walking)}`);
      await openTab(page, 'Training');
      await page.mouse.move(5, 5);
      await page.waitForTimeout(1_500);
      const still = await countOver(page, 1_500);
      assert.ok(still.drawn <= 1, `drawing went on once the animation was out of sight: ${JSON.stringify(still)}`);
    });
  });
}
