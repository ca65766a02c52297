// The API's worked example (/examples/api.html) in both builds: the VAE trains, its test loss
// falls, and the interpolation strip is drawn, with the page's own script and nothing else.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from '../../web/serve.mjs';
import { CHROMIUM_ARGS, assertClean, chromiumPath, screenshotDir, webRoot } from './harness.mjs';

for (const isolation of [true, false]) {
  const build = isolation ? 'mt' : 'st';
  test(`the API example trains a VAE and draws an interpolation strip (${build} build)`, async () => {
    const server = await startServer({ root: webRoot, port: 0, isolation });
    const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
      const session = { pageErrors: [], offOriginRequests: [] };
      const origin = new URL(server.url).origin;
      page.on('pageerror', (error) => session.pageErrors.push(error.message));
      page.on('request', (request) => {
        const url = request.url();
        if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin) {
          session.offOriginRequests.push(url);
        }
      });
      fs.mkdirSync(screenshotDir, { recursive: true });
      await page.goto(`${server.url}examples/api.html`);
      await page.waitForFunction(() => window.apiDemo?.done || window.apiDemo?.error, null, { timeout: 120_000 });
      const demo = await page.evaluate(() => window.apiDemo);
      assert.equal(demo.error, null);
      assert.equal(demo.build, build);
      assert.equal(demo.losses.length, 16);
      assert.ok(demo.losses.at(-1) < demo.losses[0] * 0.8,
        `the test loss went ${demo.losses[0]} -> ${demo.losses.at(-1)}`);
      assert.ok(demo.stripInk > 8 * 40, `the strip has ${demo.stripInk} ink over 8 images`);
      await page.screenshot({ path: path.join(screenshotDir, `api-example-${build}.png`), fullPage: true });
      assertClean(session);
    } finally {
      await browser.close();
      await server.close();
    }
  });
}
