import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from '../../web/serve.mjs';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/harness.mjs';
const [build, threads, steps, out] = process.argv.slice(2);
const server = await startServer({ root: '/tmp/benchprof', port: 0, isolation: build === 'mt', blobScripts: true });
const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
const page = await browser.newPage();
const cdp = await page.context().newCDPSession(page);
let nextId = 1000;
const pending = new Map();
const sessions = [];
// A message to a session: wrapped once per ancestor session (non-flattened protocol).
function wrap(session, message) {
  let msg = message;
  for (let s = session; s; s = s.parent) {
    if (!s.parent) return cdp.send('Target.sendMessageToTarget', { sessionId: s.sessionId, message: msg });
    msg = JSON.stringify({ id: nextId++, method: 'Target.sendMessageToTarget', params: { sessionId: s.sessionId, message: msg } });
  }
}
function sendTo(session, method, params = {}) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    wrap(session, JSON.stringify({ id, method, params }))?.catch?.(reject);
  });
}
function onMessage(parent, message) {
  const m = JSON.parse(message);
  if (m.id && pending.has(m.id)) { const p = pending.get(m.id); pending.delete(m.id); m.error ? p.reject(new Error(JSON.stringify(m.error))) : p.resolve(m.result); return; }
  if (m.method === 'Target.attachedToTarget') onAttached(m.params, parent);
  if (m.method === 'Target.receivedMessageFromTarget') {
    const child = sessions.find((s) => s.sessionId === m.params.sessionId);
    onMessage(child, m.params.message);
  }
}
cdp.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => onMessage(sessions.find((s) => s.sessionId === sessionId), message));
function onAttached({ sessionId, targetInfo }, parent) {
  const s = { sessionId, parent, type: targetInfo.type, url: targetInfo.url };
  sessions.push(s);
  console.error('attached', targetInfo.type, targetInfo.url.slice(0, 60), parent ? 'nested' : '');
  sendTo(s, 'Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false }).catch((e) => console.error('autoattach', e.message));
}
cdp.on('Target.attachedToTarget', (p) => onAttached(p, null));
await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
page.on('console', (m) => console.error('console', m.text()));
await page.goto(`${server.url}prof.html?build=${build}&threads=${threads}&steps=${steps}`);
await page.waitForFunction(() => window.profResult !== undefined, null, { timeout: 300000 });
console.error(await page.evaluate(() => window.profResult));
console.error('sessions', sessions.map((s) => s.type + (s.parent ? '*' : '')).join(' '));
for (const s of sessions) {
  await sendTo(s, 'Profiler.enable');
  await sendTo(s, 'Profiler.setSamplingInterval', { interval: 200 });
  await sendTo(s, 'Profiler.start');
}
await page.evaluate(() => window.go());
await page.waitForFunction(() => window.profResult !== undefined, null, { timeout: 300000 });
console.error(JSON.stringify(await page.evaluate(() => window.profResult)));
let i = 0;
for (const s of sessions) {
  const { profile } = await sendTo(s, 'Profiler.stop');
  fs.writeFileSync(`${out}.${i++}.${s.type}.cpuprofile`, JSON.stringify(profile));
}
await browser.close(); await server.close();
