// The Latent and Generate tabs, used as a student would: draw and watch your marker move among
// the test set's codes, then ask a VAE for new digits.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  clickRect, decodePng, distinctColours, drawPad, layout, openPlayground, pollUntil, saveScreenshot, state, sum,
} from './harness.mjs';

describe('latent map and generation (mt build)', () => {
  let session;
  before(async () => { session = await openPlayground({ isolation: true }); });
  after(async () => { await session?.close(); });

  test('the VAE 2-D preset opens the latent map; drawing moves your marker on it', async () => {
    const { page } = session;
    await clickRect(page, (await layout(page)).presetButtons['VAE 2-D']);
    await pollUntil(() => state(page), (s) => s.modelKind === 'vae' && s.panels.includes('Latent'), { timeoutMs: 10_000 });
    const rects = await layout(page);
    await clickRect(page, rects.clearButton);
    await pollUntil(() => drawPad(page), (pad) => sum(pad) === 0, { timeoutMs: 2_000 });
    assert.equal((await layout(page)).latentMarker, null, 'an empty pad has no marker');

    // A vertical stroke (a "1"), then a horizontal bar on top of it (towards a "7").
    const pad = rects.pad;
    await page.mouse.move(pad.x + pad.w * 0.55, pad.y + pad.h * 0.2);
    await page.mouse.down();
    await page.mouse.move(pad.x + pad.w * 0.5, pad.y + pad.h * 0.8, { steps: 15 });
    await page.mouse.up();
    const first = await pollUntil(() => layout(page), (l) => l.latentMarker !== null, { timeoutMs: 3_000 });
    assert.ok(first.latentMarker, 'no marker after drawing');
    const plot = first.latentPlot;
    const inside = (m) => m.x >= plot.x && m.x <= plot.x + plot.w && m.y >= plot.y && m.y <= plot.y + plot.h;
    await page.mouse.move(pad.x + pad.w * 0.2, pad.y + pad.h * 0.22);
    await page.mouse.down();
    await page.mouse.move(pad.x + pad.w * 0.8, pad.y + pad.h * 0.22, { steps: 15 });
    await page.mouse.up();
    const second = await pollUntil(() => layout(page),
      (l) => l.latentMarker && Math.hypot(l.latentMarker.x - first.latentMarker.x, l.latentMarker.y - first.latentMarker.y) > 5,
      { timeoutMs: 3_000 });
    const moved = Math.hypot(second.latentMarker.x - first.latentMarker.x, second.latentMarker.y - first.latentMarker.y);
    assert.ok(moved > 5, `the marker moved only ${moved.toFixed(1)} px`);
    assert.ok(inside(first.latentMarker) || inside(second.latentMarker), 'the marker is off the plot');
    const { png } = await saveScreenshot(page, 'latent-vae2.png');
    assert.ok(distinctColours(decodePng(png)) >= 30, 'the scatter looks empty');
  });

  test('Generate shows samples from the prior, and Resample draws new ones', async () => {
    const { page } = session;
    await clickRect(page, (await layout(page)).tabs.Generate);
    const first = await pollUntil(() => page.evaluate(() => window.bottleneck.samples()), (v) => v.length > 0,
      { timeoutMs: 5_000 });
    assert.equal(first.length, (6 * 28) ** 2);
    assert.ok(sum(first) > 100, 'the samples are blank');
    assert.deepEqual((await state(page)).panels.at(-1), 'Generate');
    await clickRect(page, (await layout(page)).resampleButton);
    const second = await pollUntil(() => page.evaluate(() => window.bottleneck.samples()),
      (v) => v.some((value, i) => Math.abs(value - first[i]) > 0.05), { timeoutMs: 5_000 });
    const changed = second.filter((value, i) => Math.abs(value - first[i]) > 0.05).length;
    assert.ok(changed > 500, `Resample changed only ${changed} pixels`);
    await saveScreenshot(page, 'generate-vae2.png');
  });

  test('raised no page errors and made no off-origin requests', () => {
    assert.deepEqual(session.pageErrors, []);
    assert.deepEqual(session.offOriginRequests, []);
  });
});
