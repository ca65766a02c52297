import { chromium } from 'playwright-core';
import { startServer } from '../../web/serve.mjs';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/harness.mjs';
const [rounds, threadsList, model] = [Number(process.argv[2] || 3), (process.argv[3] || '1,2').split(','), process.argv[4] || '{"kind":"ae"}'];
const results = {};
for (let r = 0; r < rounds; ++r) for (const dir of ['A', 'B']) for (const threads of threadsList) {
  const server = await startServer({ root: `/tmp/ab${dir}`, port: 0, isolation: true, blobScripts: true });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  await page.goto(`${server.url}ab.html?threads=${threads}&model=${encodeURIComponent(model)}`);
  await page.waitForFunction(() => window.abResult !== undefined, null, { timeout: 300000 });
  const res = await page.evaluate(() => window.abResult);
  if (res.error) throw new Error(res.error);
  (results[`${dir}${threads}`] ??= []).push(Math.round(res.rate));
  await browser.close(); await server.close();
}
console.log(JSON.stringify(results));
