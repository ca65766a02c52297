// The Training tab's model editor and its grid of test digits, in the single-thread build: a
// student builds their own model by typing into the fields, a bad size is refused with a message,
// and the 16 digits' reconstructions change as the new model trains.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clickRect, decodePng, describePlayground, layout, pollUntil, reconstruction, regionStats, saveScreenshot,
  scrollIntoView, state, sum, typeInto,
} from './harness.mjs';

describePlayground('model editor', { isolation: false }, (session) => {
  test('the Training tab shows 16 test digits and their reconstructions', async () => {
    const { page } = session;
    await clickRect(page, (await layout(page)).tabs.Training);
    const rects = await pollUntil(() => layout(page), (l) => l.trainingGrid.w > 100, { timeoutMs: 3_000 });
    const { png } = await saveScreenshot(page, 'training-grid.png');
    const image = decodePng(png);
    const grid = rects.trainingGrid;
    const left = regionStats(image, { x: grid.x, y: grid.y + 20, w: grid.w / 2 - 4, h: grid.h - 20 });
    const right = regionStats(image, { x: grid.x + grid.w / 2 + 4, y: grid.y + 20, w: grid.w / 2 - 4, h: grid.h - 20 });
    assert.ok(left.brightest > 200 && left.mean > 15, `the test digits look blank: ${JSON.stringify(left)}`);
    assert.ok(right.brightest > 150 && right.mean > 10, `the reconstructions look blank: ${JSON.stringify(right)}`);
  });

  test('typing a new architecture and pressing Build makes that model, untrained', async () => {
    const { page } = session;
    await clickRect(page, (await layout(page)).editorHeader);
    await pollUntil(() => layout(page), (l) => l.editorBuildButton.w > 0 && l.editorLatentField.w > 0, { timeoutMs: 3_000 });
    await typeInto(page, await scrollIntoView(page, 'editorHiddenField', 'sidePanel'), '64');
    await typeInto(page, await scrollIntoView(page, 'editorLatentField', 'sidePanel'), '8');
    const draft = (await state(page)).editor;
    assert.equal(draft.hidden, '64');
    assert.equal(draft.latent, 8);
    await clickRect(page, await scrollIntoView(page, 'editorBuildButton', 'sidePanel'));
    const s = await pollUntil(() => state(page), (x) => x.latent === 8, { timeoutMs: 5_000 });
    assert.equal(s.latent, 8);
    assert.deepEqual(s.hidden, [64]);
    assert.equal(s.step, 0);
    assert.equal(s.editor.error, '');
    await saveScreenshot(page, 'training-editor.png');

    await typeInto(page, await scrollIntoView(page, 'editorHiddenField', 'sidePanel'), '25600');
    await clickRect(page, await scrollIntoView(page, 'editorBuildButton', 'sidePanel'));
    const refused = await pollUntil(() => state(page), (x) => x.editor.error !== '', { timeoutMs: 3_000 });
    assert.match(refused.editor.error, /hidden layer size 25600 is out of range/);
    assert.deepEqual(refused.hidden, [64], 'a refused draft changed the model');
    await saveScreenshot(page, 'training-editor-refused.png');
  });

  test('the new model trains between frames, and its loss falls', async () => {
    const { page } = session;
    await clickRect(page, await scrollIntoView(page, 'trainButton', 'sidePanel'));
    const first = await pollUntil(() => state(page), (s) => s.step > 0 && s.trainLoss !== null, { timeoutMs: 5_000 });
    const later = await pollUntil(() => state(page), (s) => s.step > first.step + 30 && s.trainLoss < 0.9 * first.trainLoss,
      { timeoutMs: 20_000 });
    assert.ok(later.trainLoss < 0.9 * first.trainLoss, `loss ${first.trainLoss} -> ${later.trainLoss}`);
    assert.ok(later.fps > 10, `the UI stalled while training: ${later.fps} fps`);
    await clickRect(page, await scrollIntoView(page, 'trainButton', 'sidePanel'));
  });

  test('a learning rate of 10 diverges: training stops, the last good weights come back, and it says why', async () => {
    const { page } = session;
    await clickRect(page, (await layout(page)).tabs.Training);
    if ((await state(page)).training) await page.keyboard.press('Space');  // the last test's model rests
    await pollUntil(() => state(page), (s) => !s.training, { timeoutMs: 5_000 });
    // The last test left a refused width in the draft.
    await typeInto(page, await scrollIntoView(page, 'editorHiddenField', 'sidePanel'), '64');
    // Ctrl+click turns the slider into a field that takes any rate the core accepts.
    const field = await scrollIntoView(page, 'editorLearningRateField', 'sidePanel');
    await page.keyboard.down('Control');
    await clickRect(page, field);
    await page.keyboard.up('Control');
    await pollUntil(() => state(page), (s) => s.typing, { timeoutMs: 3_000 });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('10', { delay: 30 });
    await page.keyboard.press('Enter');
    const typed = await pollUntil(() => state(page), (s) => !s.typing && s.editor.learningRate === 10,
      { timeoutMs: 3_000 });
    assert.equal(typed.editor.learningRate, 10);
    await clickRect(page, await scrollIntoView(page, 'editorBuildButton', 'sidePanel'));
    const built = await pollUntil(() => state(page), (s) => s.learningRate === 10 && s.testLoss !== null,
      { timeoutMs: 5_000 });
    assert.equal(built.learningRate, 10, `the model was not built: ${built.editor.error}`);
    assert.equal(built.step, 0);

    await clickRect(page, await scrollIntoView(page, 'trainButton', 'sidePanel'));
    const stopped = await pollUntil(() => state(page), (s) => /diverged/.test(s.message) && !s.training,
      { timeoutMs: 20_000 });
    await saveScreenshot(page, 'training-diverged.png');
    assert.match(stopped.message, /Training diverged at step \d+ \(the loss rose from [\d.]+ to .*\)/);
    assert.match(stopped.message, /Restored the weights from step 0 and paused\. Try a lower learning rate\./);
    assert.equal(stopped.training, false);
    assert.equal(stopped.step, 0);
    // The restored model is the untrained one it started as, whole: a finite output near mid-grey.
    const output = await reconstruction(page);
    assert.ok(output.every(Number.isFinite), 'the restored model outputs non-finite values');
    assert.ok(Math.abs(sum(output) / output.length - 0.5) < 0.2, `mean output ${sum(output) / output.length}`);

    // Training goes on from the restored weights: one step from step 0.
    await page.keyboard.press('s');
    const stepped = await pollUntil(() => state(page), (s) => s.step === 1, { timeoutMs: 5_000 });
    assert.equal(stepped.step, 1);
    assert.ok(Number.isFinite(stepped.trainLoss) && stepped.trainLoss < 1, `train loss ${stepped.trainLoss}`);
  });
});
