// The Training tab's data set choice: MNIST digits or Fashion-MNIST clothes. Fashion downloads only
// when chosen; the presets then load models trained on it, the arrows browse its test images, and
// the digits become its anomalies. A failed download says so and keeps the current data set.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickRect, describePlayground, drawPad, layout, pollUntil, saveScreenshot, state, sum } from './harness.mjs';

for (const isolation of [true, false]) describePlayground('data sets', { isolation }, (session, build) => {
  test('the page starts on MNIST, with clothes as the anomalies', async () => {
    const s = await pollUntil(() => state(session.page), (v) => v.anomalyImages !== null, { timeoutMs: 10_000 });
    assert.equal(s.dataset, 'mnist');
    assert.equal(s.testImages, 1000);
    assert.match(s.anomalyImages, /Fashion/);
  });

  test('a failed download says why and keeps training on MNIST', async () => {
    const { page } = session;
    await page.route('**/data/fashion-test.bnds.gz', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await clickRect(page, (await layout(page)).datasetButtons.fashion);
    const refused = await pollUntil(() => state(page), (s) => /Could not load the Fashion-MNIST/.test(s.notice),
      { timeoutMs: 20_000 });
    assert.match(refused.notice, /Could not load the Fashion-MNIST data set \(.*404.*\); still training on MNIST/);
    assert.equal(refused.dataset, 'mnist');
    assert.equal(refused.datasetWanted, 'mnist', 'the choice did not fall back to the data set in use');
    assert.equal(refused.ready, true);
    await page.unroute('**/data/fashion-test.bnds.gz');
  });

  test('choosing Fashion-MNIST loads it with its pretrained models; its test images browse as clothes', async () => {
    const { page } = session;
    // The user's noise and tab stay as they were across the switch.
    await page.evaluate(() => window.bottleneck.setNoise('salt_pepper', 0.25));
    await clickRect(page, (await layout(page)).datasetButtons.fashion);
    // A pretrained Fashion model: BCE per pixel near its quality-table figure (~0.29), far from an
    // untrained model's ~0.69 and from the MNIST model's on clothes.
    const fashion = await pollUntil(() => state(page),
      (s) => s.dataset === 'fashion' && s.modelKind === 'denoise' && s.testLoss !== null && s.testLoss < 0.35,
      { timeoutMs: 30_000 });
    assert.equal(fashion.dataset, 'fashion');
    assert.ok(fashion.testLoss < 0.35, `test loss ${fashion.testLoss}: the Fashion weights did not load`);
    assert.equal(fashion.preset, 'Denoising', 'the preset was not applied again for the new data set');
    assert.equal(fashion.testImages, 1000);
    assert.deepEqual(fashion.noise, { type: 'salt_pepper', level: 0.25 }, 'the switch changed the noise');
    assert.equal(fashion.panels.at(-1), 'Training', 'the switch left the Training tab');
    await page.evaluate(() => window.bottleneck.setNoise('gaussian', 0.5));

    await clickRect(page, (await layout(page)).nextDigitButton);
    const shown = await pollUntil(() => state(page), (s) => s.drawing.testImage !== null, { timeoutMs: 3_000 });
    assert.ok(sum(await drawPad(page)) > 50, 'the Fashion test image on the pad is blank');
    assert.ok(shown.psnr.output > shown.psnr.noisy,
      `the Fashion denoiser made it worse: ${shown.psnr.noisy} dB in, ${shown.psnr.output} dB out`);
    await saveScreenshot(page, `dataset-fashion-${build}.png`);
  });

  test('for a Fashion model the digits are the anomalies', async () => {
    const { page } = session;
    await clickRect(page, (await layout(page)).tabs.Anomaly);
    const scored = await pollUntil(() => state(page), (s) => s.anomaly !== null && /MNIST/.test(s.anomalyImages) &&
      !/Fashion/.test(s.anomalyImages), { timeoutMs: 15_000 });
    assert.doesNotMatch(scored.anomalyImages, /Fashion/);
    assert.ok(scored.anomaly.auroc > 0.9, `AUROC ${scored.anomaly.auroc}: clothes and digits should separate`);
    await saveScreenshot(page, `dataset-fashion-anomaly-${build}.png`);
  });

  test('it trains on Fashion, and MNIST comes back at once', async () => {
    const { page } = session;
    const rects = await layout(page);
    await clickRect(page, rects.tabs.Training);
    await clickRect(page, (await layout(page)).trainButton);
    const trained = await pollUntil(() => state(page), (s) => s.step > 20, { timeoutMs: 20_000 });
    assert.ok(trained.step > 20, `only ${trained.step} steps on Fashion`);
    await clickRect(page, (await layout(page)).datasetButtons.mnist);
    const mnist = await pollUntil(() => state(page), (s) => s.dataset === 'mnist' && s.preset === 'Denoising' &&
      s.testLoss !== null && s.testLoss < 0.2, { timeoutMs: 10_000 });
    assert.equal(mnist.dataset, 'mnist');
    assert.match(mnist.anomalyImages, /Fashion/);
    assert.ok(mnist.testLoss < 0.2, `test loss ${mnist.testLoss}: MNIST's pretrained model did not come back`);
  });
});
