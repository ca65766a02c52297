// The Anomaly tab: digits against clothes by reconstruction error, and a live verdict on the
// user's own drawing (a plain "1" is a digit; a scribble is not).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clickRect, describePlayground, drawPad, layout, pollUntil, saveScreenshot, state, strokeOnPad, sum,
} from './harness.mjs';

describePlayground('anomaly detection', { isolation: true }, (session) => {
  test('the Anomaly preset scores digits against clothes, and judges the drawing', async () => {
    const { page } = session;
    await clickRect(page, (await layout(page)).presetButtons.Anomaly);
    const scored = await pollUntil(() => state(page),
      (s) => s.preset === 'Anomaly' && s.panels.includes('Anomaly') && s.anomaly !== null, { timeoutMs: 15_000 });
    assert.ok(scored.anomaly, 'no anomaly scores');
    assert.ok(scored.anomaly.auroc > 0.95, `AUROC ${scored.anomaly.auroc}: digits and clothes should separate`);

    const rects = await layout(page);
    await clickRect(page, rects.clearButton);
    await pollUntil(() => drawPad(page), (pad) => sum(pad) === 0, { timeoutMs: 2_000 });
    await strokeOnPad(page, rects.pad);
    const one = await pollUntil(() => state(page), (s) => s.anomaly.verdict !== 'none', { timeoutMs: 3_000 });
    assert.equal(one.anomaly.verdict, 'normal', `a plain 1 scored ${one.anomaly.score} (threshold ${one.anomaly.threshold})`);

    // A dense zig-zag scribble over the whole pad.
    await clickRect(page, rects.clearButton);
    await pollUntil(() => drawPad(page), (pad) => sum(pad) === 0, { timeoutMs: 2_000 });
    const pad = rects.pad;
    await page.mouse.move(pad.x + pad.w * 0.1, pad.y + pad.h * 0.1);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) {
      await page.mouse.move(pad.x + pad.w * (i % 2 ? 0.9 : 0.1), pad.y + pad.h * (0.1 + 0.1 * i), { steps: 6 });
    }
    await page.mouse.up();
    const scribble = await pollUntil(() => state(page), (s) => s.anomaly.verdict === 'anomaly', { timeoutMs: 3_000 });
    assert.equal(scribble.anomaly.verdict, 'anomaly',
      `a scribble scored ${scribble.anomaly.score} (threshold ${scribble.anomaly.threshold})`);
    assert.ok(scribble.anomaly.score > one.anomaly.score);
    await saveScreenshot(page, 'anomaly.png');
  });
});
