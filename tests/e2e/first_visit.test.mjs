// What a first visit downloads, and in what order: the test images and the first preset's weights
// answer a stroke before the training images are in (Train waits for them), other presets' weights
// come only when chosen, everything large is gzip-compressed, a link's state is applied exactly
// whichever download comes first, and a failed download says so and is tried again.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickRect, describePlayground, layout, pollUntil, state, sum } from './harness.mjs';

// Holds back the responses whose URL matches `pattern` by `ms`, and records every URL asked for.
function slowDownloads(pattern, ms, asked) {
  return async (page) => {
    page.on('request', (request) => asked.push(new URL(request.url()).pathname.slice(1)));
    await page.route(pattern, async (route) => {
      await new Promise((resolve) => { setTimeout(resolve, ms); });
      await route.continue();
    });
  };
}

const otherWeights = /^pretrained\/mnist-(ae|sparse|vae|conv)\./;

for (const isolation of [true, false]) {
  const asked = [];
  describePlayground('a first visit, with the training images slow to come',
    { isolation, routes: slowDownloads('**/data/mnist-train.bnds.gz', 4_000, asked) }, (session) => {
      test('is ready on the test images and one preset\'s weights, all of them compressed', async () => {
        const s = await state(session.page);
        assert.equal(s.ready, true);
        assert.equal(s.preset, 'Denoising');
        assert.equal(s.modelKind, 'denoise');
        assert.equal(s.trainImages, 0, 'the training images were held back, yet came first');
        assert.ok(sum(await session.page.evaluate(() => window.bottleneck.reconstruction())) > 10,
          'the pad\'s test digit has no reconstruction');
        for (const file of ['data/mnist-test.bnds.gz', 'pretrained/mnist-denoise.safetensors.gz']) {
          assert.ok(asked.includes(file), `${file} was not downloaded: ${asked.join(', ')}`);
        }
        assert.deepEqual(asked.filter((file) => otherWeights.test(file)), [], 'other presets\' weights came too');
        const large = asked.filter((file) => /\.(wasm|data|bnds|safetensors)(\.|$)/.test(file));
        assert.deepEqual(large.filter((file) => !file.endsWith('.gz')), [], 'a large file travelled uncompressed');
      });

      test('Train waits for the training images with a progress bar, then trains', async () => {
        const { page } = session;
        await clickRect(page, (await layout(page)).trainButton);
        const waiting = await state(page);
        assert.equal(waiting.waitsForTrainingImages, true);
        assert.equal(waiting.step, 0, 'a step learnt from the test images standing in');
        const trained = await pollUntil(() => state(page), (s) => s.trainImages === 9000 && s.step > 0,
          { timeoutMs: 30_000 });
        assert.equal(trained.training, true, 'the press while waiting did not start training');
        assert.equal(trained.waitsForTrainingImages, false);
      });

      test('another preset\'s weights download when it is chosen, and it starts pretrained', async () => {
        const { page } = session;
        await page.evaluate(() => window.bottleneck.selectPreset('VAE 2-D'));
        const s = await pollUntil(() => state(page), (v) => v.ready && v.preset === 'VAE 2-D', { timeoutMs: 20_000 });
        assert.equal(s.modelKind, 'vae');
        assert.ok(asked.includes('pretrained/mnist-vae.safetensors.gz'));
        assert.equal(s.notice, '', 'the preset said it had no pretrained weights');
      });
    });
}

// A link's state, whichever of its downloads comes last: `ready` means all of it is applied.
const link = 'preset=VAE%202-D&data=fashion&tab=latent&noise=blur&level=1.5';
for (const [held, pattern] of [['weights', '**/pretrained/fashion-vae.safetensors.gz'],
  ['test images', '**/data/fashion-test.bnds.gz']]) {
  describePlayground(`a link whose ${held} come last`,
    { isolation: true, hash: link, routes: slowDownloads(pattern, 2_500, []) }, (session) => {
      test('is ready only once its whole state is applied', async () => {
        const s = await state(session.page);
        assert.equal(s.ready, true);
        assert.deepEqual({ preset: s.preset, dataset: s.dataset, kind: s.modelKind, latent: s.latent },
          { preset: 'VAE 2-D', dataset: 'fashion', kind: 'vae', latent: 2 });
        assert.equal(s.noise.type, 'blur');
        assert.equal(s.noise.level, 1.5);
        assert.ok(s.panels.includes('Latent'), `panels ${s.panels}`);
        assert.equal(s.link.settled, true);
      });
    });
}

// The first download fails twice (a busy server), then comes: the loading screen says what is
// missing and the page tries again; a training-images failure after start is a notice that goes.
{
  const attempts = { test: 0, train: 0 };
  const failFirst = async (page) => {
    await page.route('**/data/mnist-test.bnds.gz', (route) => (++attempts.test <= 2
      ? route.fulfill({ status: 503, body: 'busy' }) : route.continue()));
    await page.route('**/data/mnist-train.bnds.gz', (route) => (++attempts.train <= 1
      ? route.fulfill({ status: 503, body: 'busy' }) : route.continue()));
  };
  describePlayground('downloads that fail at first', { isolation: true, routes: failFirst }, (session) => {
    test('are tried again until they come, and their notice goes', async () => {
      assert.equal(attempts.test, 3, 'the test images were not tried again after a 503');
      const s = await pollUntil(() => state(session.page), (v) => v.trainImages === 9000, { timeoutMs: 20_000 });
      assert.equal(attempts.train, 2);
      assert.equal(s.loadError, '');
      assert.doesNotMatch(s.notice, /Could not download/);
    });
  });
}
