import { openPlayground, saveScreenshot, pollUntil, state, framesPass, openTab } from './harness.mjs';
const s = await openPlayground({ isolation: true, viewport: { width: 1280, height: 800 } });
await pollUntil(() => state(s.page), (x) => x.link.settled, { timeoutMs: 20000 });
for (const tab of ['Training', 'Latent', 'Anomaly', 'Compression', 'Generate']) {
  await openTab(s.page, tab); await framesPass(s.page, 10);
  await saveScreenshot(s.page, `_cut-${tab}.png`);
}
await s.page.goto(new URL('examples/embed.html', s.server.url).href);
await new Promise((r) => setTimeout(r, 8000));
await s.page.screenshot({ path: 'build/e2e/_cut-embed.png', fullPage: true });
await s.close();
