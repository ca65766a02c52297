// web/bench.html on a server and a headless Chromium of its own, for one variant: cross-origin
// isolated for the mt build (its threads need SharedArrayBuffer), not for st.
import { chromium } from 'playwright-core';
import { startServer } from '../../web/serve.mjs';
import { CHROMIUM_ARGS, chromiumPath, webRoot } from '../e2e/harness.mjs';

// Calls use(page, pageErrors) with a fresh page, and closes everything after, whatever happens.
export async function withBenchPage(build, use) {
  const server = await startServer({ root: webRoot, port: 0, isolation: build === 'mt', blobScripts: true });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return await use(page, pageErrors, server.url);
  } finally {
    await browser.close();
    await server.close();
  }
}
