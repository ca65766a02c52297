// Links: the playground's settings in the address's hash. A state set through the UI comes back
// from the copied link in a new page; an edited hash applies to an open page; malformed, hostile
// and over-budget hashes give a note and never a crash; and embed mode shows only what it is asked.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assertClean, clickRect, describePlayground, framesPass, layout, openPlayground, pollUntil, saveScreenshot, state,
} from './harness.mjs';

// Sets the hash as a person editing the address would, and waits for the session to settle on it.
// The page applies a hash in its hashchange listener, which runs before the one added here.
async function editHash(page, text) {
  await page.evaluate((hash) => new Promise((resolve) => {
    window.addEventListener('hashchange', resolve, { once: true });
    location.hash = hash;
  }), text);
  return pollUntil(() => state(page), (s) => s.link.settled, { timeoutMs: 30_000 });
}

// The settings of a page, as its link carries them, once it has settled.
const settledLink = async (page) =>
  (await pollUntil(() => state(page), (s) => s.link.settled, { timeoutMs: 30_000 })).link.text;

describePlayground('links', { isolation: true }, (session) => {
  test('a state set through the UI comes back from the copied link in a new page', async () => {
    const { page } = session;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.server.url });
    const historyBefore = await page.evaluate(() => history.length);
    await clickRect(page, (await layout(page)).presetButtons['VAE 2-D']);
    await pollUntil(() => state(page), (s) => s.preset === 'VAE 2-D' && s.link.settled, { timeoutMs: 30_000 });
    await page.keyboard.press('n');  // the next noise types: Gaussian, then salt and pepper
    await page.keyboard.press('n');
    await clickRect(page, (await layout(page)).tabs.Generate);
    await page.keyboard.press('t');  // the light theme
    const set = await pollUntil(() => state(page),
      (s) => s.ui.theme === 'light' && s.panels.includes('Generate') && s.noise.type === 'salt_pepper' && s.link.settled,
      { timeoutMs: 10_000 });
    assert.equal(set.panels[3], 'Generate');
    await clickRect(page, (await layout(page)).copyLinkButton);
    const copied = (await pollUntil(() => state(page), (s) => s.link.copied !== '', { timeoutMs: 5_000 })).link.copied;
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), copied, 'the clipboard holds the link');
    const address = new URL(copied);
    assert.equal(address.search, '', 'nothing goes in the query string');
    assert.equal(address.hash.slice(1), set.link.text);
    for (const key of ['preset=VAE%202-D', 'noise=salt_pepper', 'tab=generate', 'theme=light']) {
      assert.ok(copied.includes(key), `the link ${copied} lacks ${key}`);
    }
    // The hash follows the user's changes without a new history entry for each.
    assert.equal(await page.evaluate(() => location.hash.slice(1)), set.link.text);
    assert.equal(await page.evaluate(() => history.length), historyBefore);

    const second = await page.context().browser().newPage({ viewport: { width: 1280, height: 720 } });  // a new visitor
    const errors = [];
    second.on('pageerror', (error) => errors.push(error.message));
    await second.goto(copied);
    await second.waitForFunction(() => window.bottleneck?.state().ready === true, null, { timeout: 60_000 });
    assert.equal(await settledLink(second), set.link.text);
    const opened = await state(second);
    assert.equal(opened.preset, 'VAE 2-D');
    assert.equal(opened.modelKind, 'vae');
    assert.equal(opened.latent, 2);
    assert.deepEqual(opened.noise, set.noise);
    assert.equal(opened.ui.theme, 'light');
    assert.equal(opened.panels[3], 'Generate');
    assert.equal(opened.notice, '', 'a preset\'s own model loads its pretrained weights without a note');
    await saveScreenshot(second, 'link-opened.png');
    await second.context().close();
    assert.deepEqual(errors, []);
    await page.keyboard.press('t');  // back to dark, for the tests after this one
  });

  test('editing the hash of an open page applies it', async () => {
    const { page } = session;
    const s = await editHash(page, 'preset=Anomaly&noise=blur&level=1.5&tab=compression');
    assert.equal(s.preset, 'Anomaly');
    assert.deepEqual(s.noise, { type: 'blur', level: 1.5 });
    assert.equal(s.panels[3], 'Compression');
    assert.equal(s.notice, '');
  });

  test('malformed and hostile hashes give a note that names them, never a crash', async () => {
    const { page } = session;
    const noted = await editHash(page, 'preset=Anomaly&latent=abc&scale=9&bogus=1&%zz=3');
    for (const part of ['latent=abc: not a whole number', 'scale=9: clamped to 3', 'bogus=1: unknown key',
      'a broken percent escape']) {
      assert.ok(noted.notice.includes(part), `the note "${noted.notice}" does not name ${part}`);
    }
    assert.equal(noted.ui.scale, 3);
    const hostile = [
      `latent=${'9'.repeat(5000)}`,
      'hidden=4096,4096,4096,4096,4096,4096,4096,4096,4096&channels=-1,99999',
      '<script>alert(1)</script>=%3Cimg%20src%3Dx%3E',
      `${'&'.repeat(2000)}model=vae&beta=NaN&lr=1e999&batch=-4`,
      'noise=mask&level=1e30&train_noise=blur&train_level=-7',
      '\u0000\u202e=\uffff&preset=%00',
    ];
    for (const hash of hostile) {
      const s = await editHash(page, hash);
      assert.equal(s.ready, true);
      assert.ok(s.notice.length > 0, `no note for the hash ${hash.slice(0, 60)}`);
      assert.ok(s.notice.length < 4000, 'the note is cut short, not the whole hash');
      await framesPass(page, 5, `the page stopped drawing after the hash ${hash.slice(0, 60)}`);
    }
    await editHash(page, 'preset=Anomaly&scale=1');
  });

  test('a linked model over the memory budget is refused with the numbers, and the playground keeps working',
    async () => {
      const { page } = session;
      const before = await editHash(page, 'preset=Undercomplete');
      const s = await editHash(page, 'preset=&hidden=4096,4096,4096,4096&latent=64');
      assert.match(s.notice, /Not enough memory for .*: it needs about [\d.]+ (MB|GB) \(weights [\d.]+ (MB|GB),/);
      assert.match(s.notice, /this page has 96 MB for a model\. The current model stays\./);
      assert.equal(s.memoryBudget, 96 * 2 ** 20);
      assert.equal(s.modelKind, before.modelKind);
      assert.deepEqual(s.hidden, before.hidden);
      assert.equal(s.preset, 'Undercomplete');
      // Still working: a model that fits is built, untrained, and trains.
      const fits = await editHash(page, 'preset=&model=ae&train_noise=none&hidden=512&latent=16&seed=3');
      assert.deepEqual(fits.hidden, [512]);
      assert.match(fits.notice, /starts untrained, from seed 3/);
      await page.keyboard.press('s');
      const stepped = await pollUntil(() => state(page), (x) => x.step > 0, { timeoutMs: 20_000 });
      assert.ok(stepped.step > 0, 'the linked model did not train a step');
    });
});

test('embed mode (st build): only the chosen panels, no header and no training controls', async () => {
  const opened = await openPlayground({
    isolation: false, hash: 'embed=1&panels=draw,reconstruction,training&controls=0&preset=Sparse',
  });
  try {
    const { page } = opened;
    const s = await pollUntil(() => state(page), (x) => x.link.settled && x.preset === 'Sparse', { timeoutMs: 30_000 });
    assert.equal(s.build, 'st');
    assert.deepEqual(s.page,
      { embed: true, panels: ['draw', 'reconstruction', 'training'], controls: false, lesson: '' });
    await framesPass(page, 5);
    const l = await layout(page);
    for (const hidden of ['presetButtons', 'copyLinkButton', 'trainButton', 'editorHeader', 'noiseSlider']) {
      assert.equal(l[hidden], undefined, `${hidden} is on an embedded page that did not ask for it`);
    }
    assert.ok(l.pad.y < 60, `the pad starts ${l.pad.y} px down: the header's room was not given back`);
    assert.ok(l.sidePanel.w > 0, 'the Training tab was asked for');
    assert.deepEqual(Object.keys(l.tabs), ['Training']);
    // Without controls the page chose whether it trains: Space, S and the preset keys do nothing.
    await page.keyboard.press('Space');
    await page.keyboard.press('s');
    await page.keyboard.press('1');
    await framesPass(page, 10);
    const after = await state(page);
    assert.deepEqual({ step: after.step, training: after.training, preset: after.preset },
      { step: s.step, training: false, preset: 'Sparse' }, 'a key trained or changed the embedded model');
    await saveScreenshot(page, 'embed-mode.png');
    assertClean(opened);
  } finally {
    await opened.close();
  }
});
