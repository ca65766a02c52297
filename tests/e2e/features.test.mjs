// The Features tab: a few-label linear probe on the codes against the same on raw pixels.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { clickRect, layout, openPlayground, pollUntil, saveScreenshot, state } from './harness.mjs';

describe('few-label features (st build)', () => {
  let session;
  // The single-thread build: the probes must train between frames there too.
  before(async () => { session = await openPlayground({ isolation: false }); });
  after(async () => { await session?.close(); });

  test('Few labels trains both probes; more labels help the pixel probe', async () => {
    const { page } = session;
    await clickRect(page, (await layout(page)).presetButtons['Few labels']);
    const hundred = await pollUntil(() => state(page), (s) => s.panels.includes('Features') && s.probe.done,
      { timeoutMs: 30_000 });
    assert.equal(hundred.probe.labels, 100);
    assert.ok(hundred.probe.codes > 0.6, `codes probe ${hundred.probe.codes}`);
    assert.ok(hundred.probe.pixels > 0.6, `pixels probe ${hundred.probe.pixels}`);
    assert.ok(hundred.fps > 0);
    await saveScreenshot(page, 'features-100.png');

    await clickRect(page, (await layout(page)).probeLabelButtons['1000']);
    const thousand = await pollUntil(() => state(page), (s) => s.probe.labels === 1000 && s.probe.done,
      { timeoutMs: 60_000 });
    assert.ok(thousand.probe.pixels > hundred.probe.pixels, 'ten times the labels should help the pixel probe');
    assert.ok(thousand.fps > 0);
  });

  test('raised no page errors and made no off-origin requests', () => {
    assert.deepEqual(session.pageErrors, []);
    assert.deepEqual(session.offOriginRequests, []);
  });
});

describe('compression, AE against PCA (mt build)', () => {
  let session;
  before(async () => { session = await openPlayground({ isolation: true }); });
  after(async () => { await session?.close(); });

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

  test('raised no page errors and made no off-origin requests', () => {
    assert.deepEqual(session.pageErrors, []);
    assert.deepEqual(session.offOriginRequests, []);
  });
});
