// The Draw panel's tools, used with the mouse (and a pen, through the DevTools protocol): undo, the
// eraser, the hiding brush ("can it rebuild what I hid?"), MNIST-style framing and pen pressure.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clickRect, describePlayground, drawPad, layout, pollUntil, regionStats, decodePng, saveScreenshot, state, strokeOnPad,
  sum,
} from './harness.mjs';

// The centre of mass of a 28×28 image, in pixels (pixel centres at i + 0.5).
function centreOfMass(pixels) {
  let mass = 0;
  let x = 0;
  let y = 0;
  pixels.forEach((v, i) => {
    mass += v;
    x += v * ((i % 28) + 0.5);
    y += v * (Math.floor(i / 28) + 0.5);
  });
  return { x: x / mass, y: y / mass, mass };
}

async function clearPad(page) {
  await clickRect(page, (await layout(page)).clearButton);
  await pollUntil(() => drawPad(page), (pad) => sum(pad) === 0, { timeoutMs: 2_000 });
}

// Without noise, what is on the pad is what the model sees.
const noNoise = (page) => page.evaluate(() => window.bottleneck.setNoise('none', 0));

describePlayground('drawing tools', { isolation: true, setUp: noNoise }, (session) => {
  test('Undo takes back the last stroke, and only that one', async () => {
    const { page } = session;
    await clearPad(page);
    const pad = (await layout(page)).pad;
    await strokeOnPad(page, pad);
    const one = sum(await drawPad(page));
    assert.ok(one > 5, `the first stroke left ${one} ink`);
    await page.mouse.move(pad.x + pad.w * 0.2, pad.y + pad.h * 0.3);
    await page.mouse.down();
    await page.mouse.move(pad.x + pad.w * 0.8, pad.y + pad.h * 0.3, { steps: 12 });
    await page.mouse.up();
    const two = sum(await drawPad(page));
    assert.ok(two > one + 3, `the second stroke added too little: ${one} -> ${two}`);
    await clickRect(page, (await layout(page)).undoButton);
    const undone = await pollUntil(async () => sum(await drawPad(page)), (v) => Math.abs(v - one) < 1e-3,
      { timeoutMs: 2_000 });
    assert.ok(Math.abs(undone - one) < 1e-3, `after Undo the pad holds ${undone} ink, not ${one}`);
    await page.keyboard.press('u');
    const empty = await pollUntil(async () => sum(await drawPad(page)), (v) => v === 0, { timeoutMs: 2_000 });
    assert.equal(empty, 0, 'the u key did not undo the first stroke');
  });

  test('the eraser rubs out ink where it passes', async () => {
    const { page } = session;
    await clearPad(page);
    const rects = await layout(page);
    await strokeOnPad(page, rects.pad);
    const inked = sum(await drawPad(page));
    await clickRect(page, rects.brushButtons.erase);
    await pollUntil(() => state(page), (s) => s.drawing.tool === 'erase', { timeoutMs: 2_000 });
    await strokeOnPad(page, rects.pad);
    const erased = sum(await drawPad(page));
    assert.ok(erased < 0.2 * inked, `the eraser left ${erased} of ${inked} ink`);
    await clickRect(page, (await layout(page)).brushButtons.ink);
    assert.equal((await state(page)).drawing.tool, 'ink');
  });

  test('the hide brush hides part of the drawing from the model, which rebuilds it', async () => {
    const { page } = session;
    await clickRect(page, (await layout(page)).randomDigitButton);
    await pollUntil(() => drawPad(page), (pad) => sum(pad) > 30, { timeoutMs: 2_000 });
    const before = await state(page);
    assert.equal(before.psnr.noisy, null, 'without noise the model input is the drawing itself');
    const rects = await layout(page);
    await clickRect(page, rects.brushButtons.hide);
    const pad = rects.pad;
    await page.mouse.move(pad.x + pad.w * 0.15, pad.y + pad.h * 0.4);
    await page.mouse.down();
    for (const [x, y] of [[0.85, 0.4], [0.85, 0.5], [0.15, 0.5], [0.15, 0.6], [0.85, 0.6]]) {
      await page.mouse.move(pad.x + pad.w * x, pad.y + pad.h * y, { steps: 10 });
    }
    await page.mouse.up();
    const hidden = await pollUntil(() => state(page), (s) => s.drawing.hiddenPixels > 40 && s.psnr.noisy !== null,
      { timeoutMs: 3_000 });
    assert.ok(hidden.drawing.hiddenPixels > 40, `only ${hidden.drawing.hiddenPixels} pixels hidden`);
    assert.ok(hidden.psnr.noisy !== null, 'hiding pixels did not change the model input');
    assert.ok(hidden.psnr.output > hidden.psnr.noisy,
      `the model did not fill in the hidden band: input ${hidden.psnr.noisy} dB, output ${hidden.psnr.output} dB`);
    const { png } = await saveScreenshot(page, 'draw-hidden.png');
    assert.ok(regionStats(decodePng(png), pad).mean > 10, 'the pad looks empty');
    await clickRect(page, (await layout(page)).brushButtons.ink);
  });

  test('the arrows step through the test images, as do the arrow keys; drawing over one makes it yours', async () => {
    const { page } = session;
    const rects = await layout(page);
    await clickRect(page, rects.nextDigitButton);
    const first = await pollUntil(() => state(page), (s) => s.drawing.testImage !== null, { timeoutMs: 2_000 });
    const index = first.drawing.testImage;
    assert.ok(index !== null, 'the next-image arrow put no test image on the pad');
    assert.ok(first.drawing.testLabel >= 0 && first.drawing.testLabel <= 9);
    const firstPixels = await drawPad(page);
    assert.ok(sum(firstPixels) > 30, 'the test image on the pad is blank');
    await clickRect(page, rects.nextDigitButton);
    // The test split is stored class by class; the arrows take a class at a time.
    const second = await pollUntil(() => state(page), (s) => s.drawing.testImage !== index, { timeoutMs: 2_000 });
    assert.notEqual(second.drawing.testLabel, first.drawing.testLabel, 'the next image is of the same class');
    await clickRect(page, rects.previousDigitButton);
    await pollUntil(() => state(page), (s) => s.drawing.testImage === index, { timeoutMs: 2_000 });
    assert.deepEqual(await drawPad(page), firstPixels, 'going back did not bring back the same image');
    await page.keyboard.press('ArrowRight');
    const byKey = await pollUntil(() => state(page), (s) => s.drawing.testImage === second.drawing.testImage,
      { timeoutMs: 2_000 });
    assert.equal(byKey.drawing.testImage, second.drawing.testImage, 'the Right arrow key did not show the next image');
    await saveScreenshot(page, 'draw-browse.png');
    await strokeOnPad(page, rects.pad);
    const edited = await pollUntil(() => state(page), (s) => s.drawing.testImage === null, { timeoutMs: 2_000 });
    assert.equal(edited.drawing.testImage, null, 'a drawn-over test image still reads as the test image');
  });

  test('Frame scales and centres a small drawing in a corner, as MNIST did', async () => {
    const { page } = session;
    await clearPad(page);
    const rects = await layout(page);
    const pad = rects.pad;
    await page.mouse.move(pad.x + pad.w * 0.12, pad.y + pad.h * 0.1);
    await page.mouse.down();
    await page.mouse.move(pad.x + pad.w * 0.14, pad.y + pad.h * 0.32, { steps: 10 });
    await page.mouse.up();
    const raw = centreOfMass(await drawPad(page));
    assert.ok(raw.x < 8 && raw.y < 10, `the stroke is not in the corner: ${JSON.stringify(raw)}`);
    await clickRect(page, rects.framingCheckbox);
    const framed = await pollUntil(async () => centreOfMass(await drawPad(page)), (c) => Math.abs(c.x - 14) < 1.5,
      { timeoutMs: 2_000 });
    assert.ok(Math.abs(framed.x - 14) < 1.5 && Math.abs(framed.y - 14) < 1.5,
      `framing did not centre the drawing: ${JSON.stringify(framed)}`);
    assert.ok(framed.mass > raw.mass * 1.5, 'framing did not scale the small drawing up');
    assert.equal((await state(page)).drawing.framing, true);
    await clickRect(page, (await layout(page)).framingCheckbox);
    assert.equal((await state(page)).drawing.framing, false);
  });

  test('a pen draws lighter when pressed lightly', async () => {
    const { page } = session;
    await clearPad(page);
    const pad = (await layout(page)).pad;
    const client = await page.context().newCDPSession(page);
    const pen = async (type, fx, fy, force) => client.send('Input.dispatchMouseEvent', {
      type, x: pad.x + pad.w * fx, y: pad.y + pad.h * fy, button: 'left', buttons: type === 'mouseReleased' ? 0 : 1,
      clickCount: 1, pointerType: 'pen', force,
    });
    await pen('mouseMoved', 0.3, 0.5, 0.3);
    await pen('mousePressed', 0.3, 0.5, 0.3);
    for (let i = 1; i <= 10; i++) await pen('mouseMoved', 0.3 + 0.04 * i, 0.5, 0.3);
    await pen('mouseReleased', 0.7, 0.5, 0);
    const light = await pollUntil(() => drawPad(page), (v) => sum(v) > 1, { timeoutMs: 2_000 });
    const darkest = Math.max(...light);
    assert.ok(darkest > 0.1 && darkest < 0.5, `a light pen stroke reached ${darkest}, not about 0.3`);
  });
});
