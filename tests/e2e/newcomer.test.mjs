// What a newcomer trips on (issue 36), each on the path a stranger takes: ten pictures of their own
// and then every tab, the arrows under the pad, a link someone sent. Both builds.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { encodePng, strokePicture } from '../support/png.mjs';
import {
  clickRect, describePlayground, dropFiles, framesPass, layout, openTab, pollUntil, saveScreenshot, state,
} from './harness.mjs';

const TABS = ['Training', 'Latent', 'Generate', 'Anomaly', 'Features', 'Compression'];

function tenPictures() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-ten-'));
  return Array.from({ length: 10 }, (_, i) => {
    const file = path.join(work, `p${i}.png`);
    fs.writeFileSync(file, encodePng(20, 20, strokePicture(i, false, 20)));
    return file;
  });
}

function newcomerSuite(isolation) {
  const build = isolation ? 'mt' : 'st';

  describePlayground('a newcomer', { isolation }, (session) => {
    // 1: ten pictures keep one to test; the Latent tab threw on a map of one code, as a number the
    // page could not catch, and the app stopped drawing for good.
    test('ten pictures of your own, then every tab: frames keep coming', async () => {
      const { page } = session;
      // 7: while files are dragged over the page, it says what a drop will do.
      const hintShown = await page.evaluate(() => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(8)], 'a.png'));
        const canvas = document.getElementById('canvas');
        canvas.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        const shown = !document.getElementById('drop-hint').hidden;
        canvas.dispatchEvent(new DragEvent('dragleave', { dataTransfer: transfer, bubbles: true }));
        return shown && document.getElementById('drop-hint').hidden;
      });
      assert.ok(hintShown, 'dragging files over the page showed nothing, or the hint stayed');
      const dropped = await dropFiles(page, tenPictures());
      assert.match(dropped.notice, /10 images\. 9 to train on, 1 to test/);
      // 7: the pad shows one of your pictures, not MNIST's 0; the grid shows the one test picture
      // once; the Anomaly tab says there is too little to score rather than "AUROC 0.000".
      const yours = await pollUntil(() => state(page), (x) => x.drawing.testImage === 0 && x.grid.shown === 1,
        { timeoutMs: 10_000 });
      assert.equal(yours.drawing.testImage, 0, 'the pad does not show your test picture');
      assert.equal(yours.grid.shown, 1);
      assert.ok(yours.testImages === 1);
      for (const tab of TABS) {
        await openTab(page, tab);
        await framesPass(page, 5, `the app stopped drawing on the ${tab} tab`);
        const s = await state(page);
        assert.doesNotMatch(s.notice, /went wrong|cannot show/, `the ${tab} tab`);
        if (tab === 'Anomaly') assert.equal(s.anomaly?.auroc ?? null, null, 'one test picture got an AUROC');
        await saveScreenshot(page, `newcomer-own-images-${tab.toLowerCase()}-${build}.png`);
      }
      await openTab(page, 'Latent');
      const s = await pollUntil(() => state(page), (x) => x.latentView?.points === 10, { timeoutMs: 10_000 });
      assert.deepEqual({ points: s.latentView.points, test: s.latentView.testPoints }, { points: 10, test: 1 });
      await saveScreenshot(page, `newcomer-own-images-latent-${build}.png`);
    });

    // 8: MNIST-10k's test split is stored class by class: in its order, 100 presses were zeros.
    test('ten presses of the next-image arrow show every class', async () => {
      const { page } = session;
      await openTab(page, 'Training');
      await clickRect(page, (await layout(page)).datasetButtons.mnist);
      await pollUntil(() => state(page), (s) => s.dataset === 'mnist' && s.link.settled, { timeoutMs: 30_000 });
      const labels = new Set();
      for (let press = 0; press < 10; press++) {
        const before = (await state(page)).drawing.testImage;
        await clickRect(page, (await layout(page)).nextDigitButton);
        const s = await pollUntil(() => state(page),
          (x) => x.drawing.testImage !== null && x.drawing.testImage !== before, { timeoutMs: 3_000 });
        labels.add(s.drawing.testLabel);
      }
      assert.equal(labels.size, 10, `classes seen: ${[...labels].join(', ')}`);
    });

    // Whatever still throws ends as a notice, at each edge where C++ meets the page.
    for (const where of ['view', 'frame', 'call']) {
      test(`an exception forced in a ${where} becomes a notice, and the page draws on`, async () => {
        const { page } = session;
        await openTab(page, 'Latent');
        await page.evaluate((w) => window.bottleneck.injectFailure(w), where);
        const s = await pollUntil(() => state(page), (x) => /drill failure/.test(x.notice), { timeoutMs: 10_000 });
        assert.match(s.notice, where === 'view' ? /^The Latent tab cannot show this model: a view's drill failure/
          : /^Something went wrong \(a (frame|page call)'s drill failure\); the playground carries on/);
        await framesPass(page, 5, `the app stopped drawing after a ${where} failure`);
        await openTab(page, 'Training');  // the keyboard and clicks still work
      });
    }
  });

  // 5: a link, an embed and a lesson link opened on an empty pad, whose noise the model turned into
  // a ghost that changed with each load; a plain first visit opens on a test digit.
  describePlayground('an embedded lesson link', { isolation, hash: 'lesson=denoising&embed=1&tab=latent' },
    (session) => {
      test('opens on a test digit, as a first visit does', async () => {
        const { page } = session;
        const s = await pollUntil(() => state(page), (x) => x.link.settled && x.drawing.testImage !== null,
          { timeoutMs: 20_000 });
        assert.equal(s.drawing.testImage, 0, 'the pad is empty');
        assert.ok(s.psnr.output > s.psnr.noisy, `${s.psnr.noisy} dB in, ${s.psnr.output} dB out`);
        await saveScreenshot(page, `newcomer-lesson-link-${build}.png`);
      });
    });

  // 9: an embed without training controls said "Training continues from here" and trained on
  // Space; its pad's hint named L (lessons) with the header and its Lessons button hidden.
  describePlayground('an embed without training controls', { isolation,
    hash: 'embed=1&panels=draw,reconstruction,training&controls=0' }, (session) => {
    test('names only what is there, and no key trains it', async () => {
      const { page } = session;
      const s = await pollUntil(() => state(page), (x) => x.link.settled, { timeoutMs: 20_000 });
      assert.equal(s.ui.padHint, 'Draw here. ?: keys.');
      for (const key of ['Space', 's', '1']) await page.keyboard.press(key);
      await framesPass(page, 10);
      const after = await state(page);
      assert.deepEqual({ step: after.step, training: after.training, preset: after.preset },
        { step: s.step, training: false, preset: s.preset }, 'a key trained or changed the embedded model');
    });
  });

  // 2: on a phone the canvas takes every touch (drawing must not scroll the page), so nothing
  // scrolled; the header cut A+ in half and put the theme off-screen; the tabs read "Traini...".
  describePlayground('a phone', { isolation, phone: true }, (session) => {
    test('nothing in the header or the tabs is cut', async () => {
      const { page } = session;
      await framesPass(page, 5);
      const l = await layout(page);
      const width = 412;
      const header = ['lessonsButton', 'copyLinkButton', 'copyEmbedButton', 'scaleDownButton', 'scaleUpButton',
        'themeCheckbox', ...Object.keys(l.presetButtons).map((name) => `presetButtons.${name}`)];
      for (const name of header) {
        const r = name.split('.').reduce((o, k) => o[k], l);
        assert.ok(r.x >= 0 && r.x + r.w <= width, `${name} runs off the screen: ${JSON.stringify(r)}`);
      }
      await saveScreenshot(page, `newcomer-phone-top-${build}.png`);
    });

    test('a swipe on the panels scrolls down to Train', async () => {
      const { page } = session;
      const cdp = await page.context().newCDPSession(page);
      const swipe = async (x, from, to) => {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: from }] });
        await framesPass(page, 2);
        for (let i = 1; i <= 10; i++) {
          await cdp.send('Input.dispatchTouchEvent',
            { type: 'touchMove', touchPoints: [{ x, y: from + ((to - from) * i) / 10 }] });
          await framesPass(page, 1);
        }
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
        await framesPass(page, 3);
      };
      const before = await layout(page);
      const onScreen = (r) => r && r.y >= 0 && r.y + r.h <= 839;
      assert.ok(!onScreen(before.trainButton), 'Train was on screen before any swipe');
      let l = before;
      for (let swipes = 0; swipes < 4 && !onScreen(l.trainButton); swipes++) {
        await swipe(300, 780, 280);  // on the Draw and Reconstruction panels' right edge, then the tabs
        l = await layout(page);
      }
      assert.ok(onScreen(l.trainButton), `Train is still off screen: ${JSON.stringify(l.trainButton)}`);
      assert.ok(l.pad.y < before.pad.y - 300, 'the page did not scroll');
      for (const [name, r] of Object.entries(l.tabs)) {
        assert.ok(r.x + r.w <= l.sidePanel.x + l.sidePanel.w, `the ${name} tab is cut`);
      }
      const s = await state(page);
      assert.equal(s.drawing.testImage, 0, 'the swipe drew on the pad');
      await saveScreenshot(page, `newcomer-phone-train-${build}.png`);
    });
  });

  // 6: at 1280x800 the tabs, "Your images...", the Anomaly legend and more ran off the tab, and an
  // embed's tabs read "Traini... Gener... Anom...".
  for (const [what, hash] of [['the page', ''], ['an embed', 'embed=1&panels=draw,training,generate,anomaly']]) {
    describePlayground(`${what} at 1280x800`, { isolation, viewport: { width: 1280, height: 800 }, hash },
      (session) => {
        test('nothing runs off the side panel', async () => {
          const { page } = session;
          await pollUntil(() => state(page), (x) => x.link.settled, { timeoutMs: 20_000 });
          await framesPass(page, 5);
          let l = await layout(page);
          const right = l.sidePanel.x + l.sidePanel.w;
          const fits = (name, r) => assert.ok(r && r.x + r.w <= right,
            `${name} runs off the tab: ${JSON.stringify(r)}`);
          for (const [name, r] of Object.entries(l.tabs)) fits(`the ${name} tab`, r);
          fits('Your images...', l.ownImagesButton);
          await openTab(page, 'Anomaly');
          await pollUntil(() => state(page), (x) => x.anomaly?.auroc != null, { timeoutMs: 20_000 });
          await framesPass(page, 3);
          l = await layout(page);
          fits('the Anomaly legend', l.anomalyLegendEnd);
          await saveScreenshot(page, `newcomer-1280x800-${hash ? 'embed' : 'page'}-${build}.png`);
        });
      });
  }

  // 3: at a projector's scale on 1280x800 the tabs went below the fold, two screens down at 2x.
  for (const scale of [1.5, 2]) {
    describePlayground(`a projector at ${scale}x`, { isolation, viewport: { width: 1280, height: 800 },
      hash: `scale=${scale}` }, (session) => {
      test('the pad and Train are on screen together', async () => {
        const { page } = session;
        await pollUntil(() => state(page), (x) => x.link.settled, { timeoutMs: 20_000 });
        await framesPass(page, 5);
        const l = await layout(page);
        const inside = (r) => r && r.x >= 0 && r.y >= 0 && r.x + r.w <= 1280 && r.y + r.h <= 800;
        assert.ok(inside(l.pad), `the pad is off screen: ${JSON.stringify(l.pad)}`);
        assert.ok(inside(l.trainButton), `Train is off screen: ${JSON.stringify(l.trainButton)}`);
        await saveScreenshot(page, `newcomer-projector-${scale}x-${build}.png`);
      });

      test('a lesson step that says to look at the Noise panel brings it into sight', async () => {
        const { page } = session;
        await page.evaluate(() => { location.hash = `${location.hash.slice(1)}&lesson=denoising`; });
        const rect = await pollUntil(() => layout(page), (l) => l.lessonDoButton, { timeoutMs: 10_000 });
        await clickRect(page, rect.lessonDoButton);
        const l = await pollUntil(() => layout(page), (x) => x.noiseSlider?.y >= 0 && x.noiseSlider.y < 800,
          { timeoutMs: 5_000 });
        assert.ok(l.noiseSlider.y >= 0 && l.noiseSlider.y + l.noiseSlider.h <= 800,
          `the Noise panel is out of sight: ${JSON.stringify(l.noiseSlider)}`);
        await saveScreenshot(page, `newcomer-projector-${scale}x-lesson-${build}.png`);
      });
    });
  }
}

newcomerSuite(true);
newcomerSuite(false);
