// Presentation, in the single-thread build (an embedding page's build): the scale for a projector,
// the light theme, and a tablet held upright.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clickRect, decodePng, describePlayground, layout, pollScreenshot, pollUntil, regionStats, saveScreenshot, state,
} from './harness.mjs';

const whole = (image) => ({ x: 0, y: 0, w: image.width, h: image.height });

describePlayground('presentation', { isolation: false }, (session) => {
  test('+ and A+ make the interface bigger; - and A- smaller', async () => {
    const { page } = session;
    assert.equal((await state(page)).build, 'st');
    const before = (await layout(page)).presetButtons.Denoising;
    await page.keyboard.press('=');
    await page.keyboard.press('=');
    await pollUntil(() => state(page), (s) => s.ui.scale === 1.5, { timeoutMs: 2_000 });
    await clickRect(page, (await layout(page)).scaleUpButton);
    const s = await pollUntil(() => state(page), (x) => x.ui.scale === 1.75, { timeoutMs: 2_000 });
    assert.equal(s.ui.scale, 1.75);
    const bigger = await pollUntil(() => layout(page), (l) => l.presetButtons.Denoising.h > before.h * 1.5,
      { timeoutMs: 2_000 });
    assert.ok(bigger.presetButtons.Denoising.h > before.h * 1.5,
      `a preset button is ${bigger.presetButtons.Denoising.h} px high at 1.75x, ${before.h} px at 1x`);
    await saveScreenshot(page, 'scale-1.75.png');
    for (let i = 0; i < 12; i++) await page.keyboard.press('=');
    assert.equal((await pollUntil(() => state(page), (x) => x.ui.scale === 3, { timeoutMs: 2_000 })).ui.scale, 3);
    await saveScreenshot(page, 'scale-3.png');
    await clickRect(page, (await layout(page)).scaleDownButton);
    await pollUntil(() => state(page), (x) => x.ui.scale === 2.75, { timeoutMs: 2_000 });
    for (let i = 0; i < 12; i++) await page.keyboard.press('-');
    assert.equal((await pollUntil(() => state(page), (x) => x.ui.scale === 1, { timeoutMs: 2_000 })).ui.scale, 1);
  });

  test('T switches to a light theme and the checkbox back to dark', async () => {
    const { page } = session;
    const dark = regionStats(decodePng((await saveScreenshot(page, 'theme-dark.png')).png), whole({ width: 1280, height: 720 }));
    await page.keyboard.press('t');
    await pollUntil(() => state(page), (s) => s.ui.theme === 'light', { timeoutMs: 2_000 });
    // The new style is drawn from the next frame on.
    const screen = whole({ width: 1280, height: 720 });
    const lighter = (image) => regionStats(image, screen).mean > dark.mean + 60;
    const light = regionStats(await pollScreenshot(page, 'theme-light.png', lighter), screen);
    assert.ok(light.mean > dark.mean + 60, `the light theme is not lighter: ${dark.mean} -> ${light.mean}`);
    await clickRect(page, (await layout(page)).themeCheckbox);
    assert.equal((await pollUntil(() => state(page), (s) => s.ui.theme === 'dark', { timeoutMs: 2_000 })).ui.theme, 'dark');
  });

  test('a 768-pixel-wide tablet held upright shows every panel on screen', async () => {
    const { page } = session;
    await page.setViewportSize({ width: 768, height: 1024 });
    // Wait for a frame laid out at the new size throughout: the rectangles are recorded as each panel draws.
    const rects = await pollUntil(() => layout(page), (l) => l.pad.x + l.pad.w <= 768 && l.trainButton.y > l.pad.y &&
      l.tabs.Compression.x + l.tabs.Compression.w <= 768, { timeoutMs: 10_000 });
    const onScreen = (r, what) => {
      assert.ok(r.w > 0 && r.x >= 0 && r.y >= 0 && r.x + r.w <= 768 && r.y + r.h <= 1024,
        `${what} is off screen: ${JSON.stringify(r)}`);
    };
    onScreen(rects.pad, 'the pad');
    onScreen(rects.noiseSlider, 'the noise slider');
    onScreen(rects.trainButton, 'the Train button');
    onScreen(rects.tabs.Compression, 'the last tab');
    assert.ok(rects.pad.w >= 200, `the pad is only ${rects.pad.w} px wide`);
    await saveScreenshot(page, 'portrait-768.png');
    await page.setViewportSize({ width: 1280, height: 720 });
  });
});
