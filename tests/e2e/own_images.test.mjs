// Your own images in the page: pictures (some dark on light paper), a CSV and a zip, picked or
// dropped, become the data set "yours", with its split shown and the files that could not be used
// named; the model trains on it.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { encodePng, strokePicture } from '../support/png.mjs';
import { encodeZip } from '../support/zip.mjs';
import {
  chooseFiles, clickRect, describePlayground, dropFiles, framesPass, layout, openTab, pollUntil, saveScreenshot, state,
} from './harness.mjs';

// Your images..., answered with `files`; resolves to the state once the new set is in.
const pickFiles = (page, files) => chooseFiles(page, 'ownImagesButton', files);

// A CSV row: a label, then 784 pixels with a bar that moves with the label.
function csvRow(label, value = '255') {
  const pixels = Array.from({ length: 784 }, (_, p) => {
    const row = Math.floor(p / 28), col = p % 28;
    return row > 4 && row < 24 && col === 4 + 2 * label ? value : '0';
  });
  return `${label},${pixels.join(',')}\n`;
}

describePlayground('your images', { isolation: true }, (session) => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-yours-'));
  const pictures = Array.from({ length: 20 }, (_, i) => {
    const file = path.join(work, `p${String(i).padStart(2, '0')}.png`);
    fs.writeFileSync(file, encodePng(48, 48, strokePicture(i, i % 3 === 0)));
    return file;
  });
  const broken = path.join(work, 'broken.png');
  fs.writeFileSync(broken, 'this is not a picture');

  test('20 pictures and a broken file dropped: a data set of 20, the broken one named, and it trains', async () => {
    const { page } = session;
    const s = await dropFiles(page, [...pictures, broken]);
    assert.equal(s.dataset, 'yours');
    assert.deepEqual({ train: s.yours.train, test: s.yours.test }, { train: 18, test: 2 });
    assert.equal(s.yours.report, '20 images; 1 file skipped: broken.png (not a readable PNG or JPEG image)');
    assert.match(s.notice, /^Your images: 20 images; 1 file skipped: broken\.png .*18 to train on, 2 to test/);
    assert.equal(s.testImages, 2);
    // Light and dark backgrounds alike come in as light strokes on black: the first test image
    // (picture 9, dark on light paper) has a black corner and white ink.
    await page.keyboard.press('ArrowRight');
    await pollUntil(() => state(page), (x) => x.drawing.testImage === 0, { timeoutMs: 5_000 });
    const pad = await page.evaluate(() => window.bottleneck.drawPad());
    assert.equal(pad[0], 0, 'the paper was not made black');
    assert.ok(Math.max(...pad) > 0.9, 'the ink was not made white');
    const untrained = (await pollUntil(() => state(page), (x) => Number.isFinite(x.testLoss), { timeoutMs: 20_000 }))
      .testLoss;
    await clickRect(page, (await layout(page)).trainButton);
    const trained = await pollUntil(() => state(page), (x) => x.step >= 150 && x.testLoss < 0.6 * untrained,
      { timeoutMs: 60_000 });
    assert.ok(trained.testLoss < 0.6 * untrained, `test loss ${trained.testLoss} from ${untrained}`);
    await clickRect(page, (await layout(page)).trainButton);
    await saveScreenshot(page, 'your-images.png');
  });

  test('a CSV (0-255, labels, one bad row) and a zip of labelled folders', async () => {
    const { page } = session;
    const csv = path.join(work, 'digits.csv');
    fs.writeFileSync(csv, Array.from({ length: 12 }, (_, i) => csvRow(i % 10)).join('') + '1,2,3\n');
    let s = await pickFiles(page, [csv]);
    assert.deepEqual({ train: s.yours.train, test: s.yours.test }, { train: 11, test: 1 });
    assert.match(s.yours.report, /^12 images; 1 CSV row skipped: digits\.csv \(1 row skipped; row 13: 3 values/);

    const zip = path.join(work, 'labelled.zip');
    fs.writeFileSync(zip, encodeZip(pictures.slice(0, 10).map((file, i) => ({
      name: `digits/${i % 2}/${path.basename(file)}`, bytes: fs.readFileSync(file), store: i === 0,
    })).concat([{ name: '__MACOSX/digits/._p00.png', bytes: Buffer.from('resource fork') }])));
    s = await pickFiles(page, [zip]);
    assert.equal(s.yours.report, '10 images');
    assert.deepEqual({ train: s.yours.train, test: s.yours.test }, { train: 9, test: 1 });
    assert.equal(s.drawing.testLabel ?? 1, 1);  // the test image, p09, is in folder 1
  });

  test('pictures picked with Your images... come in the same way', async () => {
    const { page } = session;
    const s = await pickFiles(page, pictures.slice(0, 4));
    assert.equal(s.yours.report, '4 images');
    assert.deepEqual({ train: s.yours.train, test: s.yours.test }, { train: 3, test: 1 });
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('your images as the anomalies a digit model scores', async () => {
    const { page } = session;
    await openTab(page, 'Training');
    await clickRect(page, (await layout(page)).datasetButtons.mnist);
    await pollUntil(() => state(page), (s) => s.dataset === 'mnist' && s.link.settled, { timeoutMs: 30_000 });
    await page.evaluate(() => window.bottleneck.selectPreset('Anomaly'));  // its model of MNIST, its tab
    await pollUntil(() => state(page), (s) => s.dataset === 'mnist' && s.preset === 'Anomaly' && s.link.settled,
      { timeoutMs: 30_000 });
    await framesPass(page, 3);
    await clickRect(page, (await layout(page)).anomalySource.yours);
    const s = await pollUntil(() => state(page), (x) => x.anomalyImages === 'yours' && x.anomaly?.auroc != null,
      { timeoutMs: 20_000 });
    // The last four pictures, scored: how well they separate depends on them (two are plain bars,
    // which a model of digits rebuilds like ones).
    assert.ok(s.anomaly.auroc >= 0 && s.anomaly.auroc <= 1, `AUROC ${s.anomaly.auroc}`);
    await saveScreenshot(page, 'your-images-as-anomalies.png');
    await clickRect(page, (await layout(page)).anomalySource.other);
    await pollUntil(() => state(page), (x) => x.anomalyImages !== 'yours' && x.anomaly?.auroc > 0.9,
      { timeoutMs: 20_000 });
  });
});
