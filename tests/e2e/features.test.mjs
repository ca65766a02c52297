// The Features tab: a few-label linear probe on the codes against the same on raw pixels.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickRect, describePlayground, framesPass, layout, pollUntil, saveScreenshot, state } from './harness.mjs';

// The single-thread build: the probes must train between frames there too.
describePlayground('few-label features', { isolation: false }, (session) => {
  test('Few labels trains both probes on pretrained codes, far above an untrained encoder\'s', async () => {
    const { page } = session;
    await clickRect(page, (await layout(page)).presetButtons['Few labels']);
    const hundred = await pollUntil(() => state(page),
      (s) => s.preset === 'Few labels' && s.panels.includes('Features') && s.probe.done && s.probe.current
        && s.testLoss !== null,
      { timeoutMs: 30_000 });
    // Its pretrained AE-32, not a fresh one: step 0 at a 20-epoch test loss.
    assert.equal(hundred.modelKind, 'ae');
    assert.equal(hundred.step, 0);
    assert.equal(typeof hundred.testLoss, 'number', 'the test loss was never measured');
    assert.ok(hundred.testLoss < 0.12, `the Few labels model looks untrained: test loss ${hundred.testLoss}`);
    assert.equal(hundred.notice, '');
    assert.equal(hundred.probe.labels, 100);
    // Measured 0.775 here (./build.sh quality: 0.769 after 20 epochs); pixels 0.719.
    assert.ok(hundred.probe.codes > 0.74, `codes probe ${hundred.probe.codes}`);
    assert.ok(hundred.probe.pixels > 0.6, `pixels probe ${hundred.probe.pixels}`);
    await framesPass(page, 5);
    await saveScreenshot(page, 'features-100.png');

    // The same encoder untrained (Reset): random features score far above chance, so they are the
    // floor that trained codes must clear.
    await clickRect(page, (await layout(page)).tabs.Training);
    await clickRect(page, (await layout(page)).resetButton);
    const reset = await pollUntil(() => state(page), (s) => s.step === 0 && s.testLoss > 0.5, { timeoutMs: 10_000 });
    assert.ok(reset.testLoss > 0.5, `Reset did not reset: test loss ${reset.testLoss}`);
    await clickRect(page, (await layout(page)).tabs.Features);
    const untrained = await pollUntil(() => state(page),
      (s) => s.panels.includes('Features') && s.probe.done && s.probe.current, { timeoutMs: 30_000 });
    assert.ok(untrained.probe.done && untrained.probe.current, 'the probe of the untrained encoder never finished');
    assert.ok(untrained.testLoss > 0.5, `the probed encoder is not the untrained one: test loss ${untrained.testLoss}`);
    // Measured 0.514 untrained: the pretrained codes are 26 points better.
    assert.ok(hundred.probe.codes > untrained.probe.codes + 0.2,
      `pretrained codes ${hundred.probe.codes} against untrained ${untrained.probe.codes}`);
    assert.equal(untrained.probe.pixels, hundred.probe.pixels, 'the pixel probe does not depend on the model');

    await clickRect(page, (await layout(page)).probeLabelButtons['1000']);
    const thousand = await pollUntil(() => state(page), (s) => s.probe.labels === 1000 && s.probe.done,
      { timeoutMs: 60_000 });
    assert.ok(thousand.probe.pixels > hundred.probe.pixels, 'ten times the labels should help the pixel probe');
    await framesPass(page, 5);
  });
});

describePlayground('compression, AE against PCA', { isolation: true }, (session) => {
  test('AE vs PCA shows bytes and PSNR at three precisions; the network beats PCA', async () => {
    const { page } = session;
    await clickRect(page, (await layout(page)).presetButtons['AE vs PCA']);
    const s = await pollUntil(() => state(page),
      (x) => x.preset === 'AE vs PCA' && x.panels.includes('Compression') && x.compression.length === 3 &&
        x.compression[0].kind === 'ae' && x.compression[0].pcaPsnr !== null, { timeoutMs: 15_000 });
    assert.deepEqual(s.compression.map((row) => [row.format, row.bytes]), [['float32', 128], ['float16', 64], ['8-bit', 32]]);
    const [f32, f16, q8] = s.compression;
    // PCA-32 on this split: MSE 0.0173 (17.6 dB) unclipped; the app shows clipped images, 18.05 dB.
    // AE-32: 0.0137 (18.6 dB).
    assert.ok(f32.pcaPsnr > 17.6 && f32.pcaPsnr < 18.3, `PCA PSNR ${f32.pcaPsnr}`);
    assert.ok(f32.modelPsnr > f32.pcaPsnr + 0.3, `AE ${f32.modelPsnr} dB against PCA ${f32.pcaPsnr} dB`);
    assert.ok(Math.abs(f16.modelPsnr - f32.modelPsnr) < 0.05, 'float16 codes should cost almost nothing');
    assert.ok(q8.modelPsnr < f32.modelPsnr + 0.01 && q8.modelPsnr > f32.modelPsnr - 2, `8-bit: ${q8.modelPsnr} dB`);
    await saveScreenshot(page, 'compression.png');
  });
});
