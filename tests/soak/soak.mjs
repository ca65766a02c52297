// A soak of the playground (issue 29): for `minutes`, in the threaded build, it cycles through the
// presets, links (valid and hostile), noise settings and tabs, while the model trains, and reads
// the WebAssembly heap in use once a minute. At 30 to 40 actions a minute, a leak of 20 KB an
// action shows within ten minutes: the heap must stay within 5% of its level after the first minute.
//
//   BOTTLENECK_WEB=build/web node tests/soak/soak.mjs <minutes>   # JSON on stdout, progress on stderr

import { longPanelsLink, unknownKeysLink } from '../support/hostile.mjs';
import { assertClean, clickRect, layout, openPlayground, openTab, pollUntil, state } from '../e2e/harness.mjs';

const minutes = Number(process.argv[2] ?? 10);
const PRESETS = ['Undercomplete', 'Sparse', 'Denoising', 'VAE 2-D', 'Convolutional', 'Anomaly', 'AE vs PCA',
  'Few labels'];
const TABS = ['Training', 'Latent', 'Generate', 'Anomaly', 'Features', 'Compression'];
const NOISES = [['none', 0], ['gaussian', 0.3], ['salt_pepper', 0.2], ['mask', 10], ['blur', 1.5]];
const LINKS = ['preset=VAE%202-D&tab=generate', 'preset=Sparse&noise=salt_pepper', 'model=conv&latent=16&tab=latent',
  'latent=abc&scale=9&panels=x,y', longPanelsLink(2000), unknownKeysLink(20_000), 'lesson=vae', ''];

const session = await openPlayground({ isolation: true });
const { page } = session;
const heap = async () => (await state(page)).memory.inUse;
const samples = [];
let actions = 0;
const started = Date.now();
let nextSample = started + 60_000;
try {
  const ensureTraining = async () => {
    if (!(await state(page)).training) await clickRect(page, (await layout(page)).trainButton);
  };
  for (let round = 0; Date.now() - started < minutes * 60_000; round++) {
    const step = round % 4;
    if (step === 0) {
      await page.evaluate((name) => window.bottleneck.selectPreset(name), PRESETS[round % PRESETS.length]);
    } else if (step === 1) {
      await page.evaluate((text) => { location.hash = text; }, LINKS[round % LINKS.length]);
    } else if (step === 2) {
      const [type, level] = NOISES[round % NOISES.length];
      await page.evaluate(([t, l]) => window.bottleneck.setNoise(t, l), [type, level]);
    } else {
      const s = await state(page);
      const tab = TABS[round % TABS.length];
      if (s.panels.includes(tab) || s.panels.length >= 4) await openTab(page, tab).catch(() => {});
    }
    await pollUntil(() => state(page), (s) => s.link.settled, { timeoutMs: 20_000 });
    await openTab(page, 'Training').catch(() => {});
    await ensureTraining();
    actions += 1;
    if (Date.now() >= nextSample) {
      samples.push(await heap());
      const megabytes = (samples.at(-1) / 2 ** 20).toFixed(1);
      console.error(`soak: minute ${samples.length}, ${actions} actions, heap in use ${megabytes} MB`);
      nextSample += 60_000;
    }
  }
  assertClean(session);
} finally {
  await session.close();
}
const base = samples[0];
const drift = samples.slice(1).reduce((most, v) => Math.max(most, Math.abs(v - base) / base), 0);
const flat = samples.length >= 2 && drift <= 0.05;
console.log(JSON.stringify({ minutes, actions, heapInUseMB: samples.map((v) => +(v / 2 ** 20).toFixed(2)),
  driftAfterFirstMinute: +drift.toFixed(4), flat }));
process.exit(flat ? 0 : 1);
