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
