// Shared set-up for the browser tests: the project's own server, Debian's headless Chromium, and
// small helpers to look at what the user sees (decoded screenshot pixels) and to act as a user
// would (mouse on the canvas, keys).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../web/serve.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const webRoot = path.resolve(repoRoot, process.env.BOTTLENECK_WEB ?? 'build/web');
export const screenshotDir = path.resolve(repoRoot, process.env.BOTTLENECK_E2E_OUT ?? 'build/e2e');
export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

// Software WebGL (SwiftShader): CI has no GPU. Compositing in software too, as Chromium does on a
// machine without a usable GPU (SwiftShader compositing the page as well costs a 2-core machine
// about 5 ms a frame). The rest keeps Chromium from talking to anything but our server, so the
// off-origin request check below sees only what the page itself asks for.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-gpu-compositing',
];

// Starts a server on a free port and a browser page on it, and records what a test must not see:
// uncaught page errors and requests that leave the origin. `hash` opens a link (see settings.h);
// `phone` opens it as a phone would (412x839 CSS pixels at 2.625 device pixels each, touch).
// `routes(page)`, if given, runs before the page opens: a test's page.route() rules (a slow or
// failing download) then apply from the first request.
export async function openPlayground({ isolation, hash = '', viewport = { width: 1280, height: 720 }, phone = false,
  routes }) {
  if (!fs.existsSync(path.join(webRoot, 'index.html'))) {
    throw new Error(`${webRoot}/index.html is missing: run ./build.sh web first`);
  }
  const server = await startServer({ root: webRoot, port: 0, isolation });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  const page = await browser.newPage(phone
    ? { viewport: { width: 412, height: 839 }, deviceScaleFactor: 2.625, isMobile: true, hasTouch: true }
    : { viewport });
  const origin = new URL(server.url).origin;
  const pageErrors = [];
  const offOriginRequests = [];
  const consoleLines = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) offOriginRequests.push(url);
  });
  await routes?.(page);
  await page.goto(hash ? `${server.url}#${hash}` : server.url);
  // Ready means the data is in and the first preset (pretrained weights) has been applied.
  await page.waitForFunction(() => window.bottleneck?.state().ready === true && window.bottleneck.state().preset !== '',
    null, { timeout: 60_000 })
    .catch((error) => {
      throw new Error(`playground never became ready: ${error.message}\n${consoleLines.join('\n')}`);
    });
  const close = async () => {
    await browser.close();
    await server.close();
  };
  return { page, server, pageErrors, offOriginRequests, consoleLines, close };
}

// What every suite checks last: the page threw nothing uncaught and asked nothing of another
// origin (the messages list what it did, since a bare "expected []" does not say where to look).
export function assertClean({ pageErrors, offOriginRequests }) {
  assert.deepEqual(pageErrors, [], `uncaught errors in the page:\n${pageErrors.join('\n')}`);
  assert.deepEqual(offOriginRequests, [],
    `the page made requests outside its origin:\n${offOriginRequests.join('\n')}`);
}

// A suite of tests on one page of one build, titled "<title> (mt build)" or "(st build)". The page
// opens before the tests (and `setUp(page)`, if given, runs on it) and closes after them; the last
// test checks that it stayed clean, as a test rather than in after() so the report counts and names
// it. `body(session, build)` declares the tests: `session` (page, pageErrors, ...) fills in when the
// page opens, so the tests read it as they run, not the body as it declares them.
export function describePlayground(title, { isolation, setUp, ...options }, body) {
  const build = isolation ? 'mt' : 'st';
  describe(`${title} (${build} build)`, () => {
    const session = {};
    before(async () => {
      Object.assign(session, await openPlayground({ isolation, ...options }));
      await setUp?.(session.page);
    });
    after(async () => { await session.close?.(); });
    body(session, build);
    test('raised no page errors and made no off-origin requests', () => assertClean(session));
  });
}

export const state = (page) => page.evaluate(() => window.bottleneck.state());
export const layout = (page) => page.evaluate(() => window.bottleneck.layout());
export const drawPad = (page) => page.evaluate(() => window.bottleneck.drawPad());
export const reconstruction = (page) => page.evaluate(() => window.bottleneck.reconstruction());

// Polls `probe` until `accept` holds or the time runs out; returns the last value either way, so a
// failing assertion can print what was actually seen.
export async function pollUntil(probe, accept, { timeoutMs, intervalMs = 250 }) {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    value = await probe();
  }
  return value;
}

// Waits until the app has drawn `count` more frames (state().frame), however long a loaded machine
// takes to draw them: ImGui sees an input event in the frames after it, not after some milliseconds.
export async function framesPass(page, count, why = 'the UI stopped drawing') {
  const start = (await state(page)).frame;
  await page.waitForFunction(([from, n]) => window.bottleneck.state().frame >= from + n, [start, count],
    { timeout: 30_000 })
    .catch((error) => assert.fail(`${why}: fewer than ${count} frames after frame ${start}: ${error.message}`));
}

// A click as a hand makes it: the pointer arrives, rests, presses and releases over a few frames
// (ImGui's tabs react to the press in the frame after the pointer hovers them).
export async function clickRect(page, rect) {
  await page.mouse.move(rect.x + rect.w / 2, rect.y + rect.h / 2);
  await framesPass(page, 2);
  await page.mouse.down();
  await framesPass(page, 2);
  await page.mouse.up();
}

// Opens a side tab ("Training", "Anomaly", ...) by a click on it, once the panel shows it.
export async function openTab(page, name) {
  await clickRect(page, (await layout(page)).tabs[name]);
  await pollUntil(() => state(page), (s) => s.panels[3] === name, { timeoutMs: 5_000 });
  await framesPass(page, 2);
}

// Clicks the Training tab's `button` (a widget probe's name) and answers the file chooser it opens
// with `files`; resolves to the state once the app has said what it made of them (a new notice).
export async function chooseFiles(page, button, files) {
  await openTab(page, 'Training');
  const notice = (await state(page)).notice;
  const rect = (await layout(page))[button];
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickRect(page, rect)]);
  await chooser.setFiles(files);
  return pollUntil(() => state(page), (s) => s.notice !== notice && s.link.settled, { timeoutMs: 30_000 });
}

// Drops `files` (paths) on the canvas as a user's drag and drop would; resolves to the state once
// the new set is in.
export async function dropFiles(page, files) {
  const notice = (await state(page)).notice;
  const dropped = files.map((file) => ({ name: path.basename(file), bytes: [...fs.readFileSync(file)] }));
  await page.evaluate((items) => {
    const transfer = new DataTransfer();
    for (const { name, bytes } of items) transfer.items.add(new File([new Uint8Array(bytes)], name));
    document.getElementById('canvas').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true,
      cancelable: true }));
  }, dropped);
  return pollUntil(() => state(page), (s) => s.notice !== notice && s.link.settled, { timeoutMs: 30_000 });
}

// Replaces an ImGui text field's contents as a user would: click, select all, type, confirm.
export async function typeInto(page, rect, text) {
  await clickRect(page, rect);
  const focused = await pollUntil(() => state(page), (s) => s.typing, { timeoutMs: 3_000 });
  assert.ok(focused.typing, `the field at ${JSON.stringify(rect)} did not take the keyboard`);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text, { delay: 30 });
  await page.keyboard.press('Enter');
  await pollUntil(() => state(page), (s) => !s.typing, { timeoutMs: 3_000 });
}

// A downward stroke through the middle of the pad, like the stem of a "1".
export async function strokeOnPad(page, pad) {
  await page.mouse.move(pad.x + pad.w * 0.52, pad.y + pad.h * 0.18);
  await page.mouse.down();
  await page.mouse.move(pad.x + pad.w * 0.46, pad.y + pad.h * 0.82, { steps: 20 });
  await page.mouse.up();
}

export async function saveScreenshot(page, name) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, name);
  const png = await page.screenshot({ path: file });
  return { file, png };
}

export const sum = (values) => values.reduce((total, value) => total + value, 0);
export const l1Distance = (a, b) => a.reduce((total, value, i) => total + Math.abs(value - b[i]), 0);

// Pearson correlation: how much a reconstruction looks like its input, whatever its brightness.
export function correlation(a, b) {
  const meanA = sum(a) / a.length;
  const meanB = sum(b) / b.length;
  let cross = 0;
  let squaresA = 0;
  let squaresB = 0;
  for (let i = 0; i < a.length; i++) {
    cross += (a[i] - meanA) * (b[i] - meanB);
    squaresA += (a[i] - meanA) ** 2;
    squaresB += (b[i] - meanB) ** 2;
  }
  return cross / Math.sqrt(squaresA * squaresB || 1);
}

// Decodes an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium's screenshots are) into RGBA
// pixels, so tests judge what was drawn rather than trusting that a file was written.
export function decodePng(png) {
  const signature = '89504e470d0a1a0a';
  if (png.subarray(0, 8).toString('hex') !== signature) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const compressed = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const bitDepth = data[8];
      const colourType = data[9];
      const interlace = data[12];
      if (bitDepth !== 8 || interlace !== 0 || (colourType !== 2 && colourType !== 6)) {
        throw new Error(`unsupported PNG: depth ${bitDepth}, colour type ${colourType}, interlace ${interlace}`);
      }
      channels = colourType === 6 ? 4 : 3;
    } else if (type === 'IDAT') {
      compressed.push(data);
    }
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(compressed));
  const stride = width * channels;
  const pixels = Buffer.alloc(width * height * 4);
  let previous = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? line[i - channels] : 0;
      const up = previous[i];
      const upLeft = i >= channels ? previous[i - channels] : 0;
      let predictor = 0;
      if (filter === 1) predictor = left;
      else if (filter === 2) predictor = up;
      else if (filter === 3) predictor = (left + up) >> 1;
      else if (filter === 4) {
        const estimate = left + up - upLeft;
        const toLeft = Math.abs(estimate - left);
        const toUp = Math.abs(estimate - up);
        const toUpLeft = Math.abs(estimate - upLeft);
        predictor = toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
      } else if (filter !== 0) throw new Error(`bad PNG filter ${filter}`);
      line[i] = (line[i] + predictor) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      pixels[(y * width + x) * 4 + 0] = line[x * channels + 0];
      pixels[(y * width + x) * 4 + 1] = line[x * channels + 1];
      pixels[(y * width + x) * 4 + 2] = line[x * channels + 2];
      pixels[(y * width + x) * 4 + 3] = channels === 4 ? line[x * channels + 3] : 255;
    }
    previous = line;
  }
  return { width, height, pixels };
}

export function distinctColours({ pixels }) {
  const colours = new Set();
  for (let i = 0; i < pixels.length; i += 4) {
    colours.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
  }
  return colours.size;
}

// Mean brightness of a rectangle of the screenshot, to check that a region shows something.
export function regionStats({ width, pixels }, rect) {
  let total = 0;
  let count = 0;
  let brightest = 0;
  for (let y = Math.round(rect.y); y < Math.round(rect.y + rect.h); y++) {
    for (let x = Math.round(rect.x); x < Math.round(rect.x + rect.w); x++) {
      const i = (y * width + x) * 4;
      const value = (pixels[i] + pixels[i + 1] + pixels[i + 2]) / 3;
      total += value;
      count += 1;
      brightest = Math.max(brightest, value);
    }
  }
  return { mean: total / Math.max(1, count), brightest };
}

// The fraction of a rectangle's pixels (the part of it on screen) that are bright: digits are white
// strokes on black, while a panel's background and its grey labels stay below 200.
export function brightFraction({ width, height, pixels }, rect, threshold = 200) {
  let bright = 0;
  let count = 0;
  for (let y = Math.max(0, Math.round(rect.y)); y < Math.min(height, Math.round(rect.y + rect.h)); y++) {
    for (let x = Math.max(0, Math.round(rect.x)); x < Math.min(width, Math.round(rect.x + rect.w)); x++) {
      const i = (y * width + x) * 4;
      if (Math.max(pixels[i], pixels[i + 1], pixels[i + 2]) > threshold) bright += 1;
      count += 1;
    }
  }
  return bright / Math.max(1, count);
}

// Takes screenshots until `accept(image)` holds or the time runs out (a tab computes its view a
// few frames after it opens); returns the last one either way, so the caller asserts on what was seen.
export async function pollScreenshot(page, name, accept, { timeoutMs = 10_000 } = {}) {
  return pollUntil(async () => {
    const { png } = await saveScreenshot(page, name);
    return decodePng(png);
  }, accept, { timeoutMs, intervalMs: 100 });
}

// How many pixels of a rectangle are within `tolerance` of an RGB colour (for example one label's
// colour in the scatter, to see that the GPU drew the points and not just the background).
export function countColour({ width, pixels }, rect, [r, g, b], tolerance = 24) {
  let count = 0;
  for (let y = Math.round(rect.y); y < Math.round(rect.y + rect.h); y++) {
    for (let x = Math.round(rect.x); x < Math.round(rect.x + rect.w); x++) {
      const i = (y * width + x) * 4;
      if (Math.abs(pixels[i] - r) <= tolerance && Math.abs(pixels[i + 1] - g) <= tolerance
        && Math.abs(pixels[i + 2] - b) <= tolerance) count += 1;
    }
  }
  return count;
}

// Scrolls with the mouse wheel over the panel `panel` (a layout() rectangle) until the widget `name`
// of layout() is inside both the panel (below its title bar) and the screen, as a user scrolls to
// a button below the fold.
export async function scrollIntoView(page, name, panelName) {
  const { height } = page.viewportSize();
  for (let attempt = 0; attempt < 20; attempt++) {
    const current = await layout(page);
    const rect = current[name];
    const panel = current[panelName];
    const top = Math.max(0, panel.y + 30);
    const bottom = Math.min(height, panel.y + panel.h);
    if (rect.w > 0 && rect.y >= top && rect.y + rect.h <= bottom) return rect;
    await page.mouse.move(panel.x + panel.w / 2, (Math.max(0, panel.y) + Math.min(height, panel.y + panel.h)) / 2);
    await page.mouse.wheel(0, rect.y + rect.h > bottom ? 100 : -100);
    await framesPass(page, 2);
  }
  throw new Error(`${name} never scrolled into view: ${JSON.stringify((await layout(page))[name])}`);
}
