import { openPlayground, saveScreenshot, pollUntil, state, framesPass, layout } from './harness.mjs';
const s = await openPlayground({ isolation: true });
await pollUntil(() => state(s.page), (x) => x.link.settled, { timeoutMs: 20000 });
await framesPass(s.page, 30);
const r = (await layout(s.page)).trainingGrid;
const shot = await s.page.screenshot({ path: process.argv[2], clip: { x: r.x - 4, y: r.y - 4, width: r.w + 8, height: r.h + 8 } });
await saveScreenshot(s.page, process.argv[2].replace('.png', '-full.png').split('/').pop());
console.log((await state(s.page)).grid, s.pageErrors);
await s.close();
