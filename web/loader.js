// Starts Bottleneck: picks the WebAssembly build, starts it, answers its requests for data sets and
// weights (compressed downloads, with progress, tried again when the network fails), and exposes
// `window.bottleneck` for tests and tutorials.
//
// Two builds, chosen at run time: "mt" (pthreads + SIMD; the trainer has its own thread) needs a
// cross-origin isolated page: our server's headers give that, and on a plain static host dist/site's
// service worker does (isolation.js), but an iframe in someone else's page never is. "st" (SIMD,
// one thread; training runs in slices between frames) works everywhere.

import { becomeIsolated } from './isolation.js';
import { filesOfDrop, filesOfList, sendOwnFiles } from './own_files.js';

const build = self.crossOriginIsolated ? 'mt' : 'st';
const status = document.getElementById('status');

function showStatus(text, isError = false) {
  status.hidden = false;
  status.textContent = text;
  status.classList.toggle('error', isError);
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.appendChild(script);
  });
}

// [SECTION] Downloads: compressed, with progress, tried again when the network fails

// A download that failed; `retry` when trying again may help (the network, a busy server).
class DownloadError extends Error {
  constructor(message, retry, offline = false) {
    super(message);
    this.retry = retry;
    this.offline = offline;
  }
}

const RETRIES = 6;  // waits of 1, 2, 4, 8, 16 and 30 s: about a minute before giving up

async function fetchChecked(url) {
  let response;
  try {
    response = await fetch(url);
  } catch {
    throw new DownloadError(navigator.onLine === false ? 'this browser is offline' : 'the network failed', true);
  }
  if (response.ok) return response;
  // dist/site's service worker, offline, for a file no earlier visit used (web/sw.js).
  if (response.headers.get('X-Bottleneck-Offline')) {
    throw new DownloadError('offline, and not saved by an earlier visit', true, true);
  }
  const status = response.status;
  throw new DownloadError(`HTTP ${status}`, status === 408 || status === 429 || status >= 500);
}

// The bytes of `url`, gunzipped when it ends in .gz: the files travel compressed, as a static host
// serves them, and DecompressionStream undoes it. Progress counts the bytes on the wire.
async function fetchBytes(url, onProgress) {
  const response = await fetchChecked(url);
  const total = Number(response.headers.get('Content-Length')) || 0;
  let received = 0;
  const counted = response.body.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      received += chunk.length;
      if (total) onProgress?.(Math.min(1, received / total));
      controller.enqueue(chunk);
    },
  }));
  const body = url.endsWith('.gz') ? counted.pipeThrough(new DecompressionStream('gzip')) : counted;
  try {
    return new Uint8Array(await new Response(body).arrayBuffer());
  } catch (error) {
    throw new DownloadError(`the download broke off (${error.message})`, true);
  }
}

function waitOrOnline(ms) {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    window.addEventListener('online', done);
  });
}

// `get()` (a fetch of `url`), tried again while trying may help; `onTrouble(message)` says what is
// missing and when it is tried again, and onTrouble('') that it came after all. Throws the last
// DownloadError when it gives up, at once for a file the offline site does not have when
// `offlineFatal`.
async function retrying(url, get, { onTrouble, offlineFatal = false } = {}) {
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await get();
      if (attempt > 0) onTrouble?.('');  // it came after all: the message goes
      return result;
    } catch (error) {
      if (!error.retry || attempt >= RETRIES || (offlineFatal && error.offline)) throw error;
      const seconds = Math.min(30, 2 ** attempt);
      onTrouble?.(`Could not download ${url} (${error.message}); trying again in ${seconds} s.`);
      await waitOrOnline(seconds * 1000);
    }
  }
}

// The bytes of `url` (gunzipped), tried again as `retrying` says.
function download(url, { onProgress, ...options } = {}) {
  return retrying(url, () => fetchBytes(url, onProgress), options);
}

function exposeAutomation(app) {
  window.bottleneck = {
    build,
    state: () => app.automationState(),
    drawPad: () => app.drawPad(),
    reconstruction: () => app.reconstruction(),
    samples: () => app.samples(),
    heldDigit: () => app.heldDigit(),
    interpolationStrip: () => app.interpolationStrip(),
    layout: () => app.layout(),
    selectPreset: (name) => app.selectPreset(name),
    setNoise: (type, level) => {
      const refusal = app.setNoise(type, level);
      if (refusal) throw new Error(refusal);
    },
    injectFailure: (where) => app.injectFailure(where),  // for tests: see page_api.cpp
    // Resolves once the URL's state is applied and its model answers a stroke (state().ready).
    ready: () => readiness,
  };
  // The page's timeline, for tutorials and `./build.sh bench`: performance marks of the first frame
  // and of the first moment the playground is ready.
  requestAnimationFrame(() => performance.mark('bottleneck-first-frame'));
  const readiness = new Promise((resolve) => {
    const check = () => {
      if (!app.isReady()) {
        requestAnimationFrame(check);
        return;
      }
      performance.mark('bottleneck-ready');
      resolve();
    };
    requestAnimationFrame(check);
  });
}

// [SECTION] The app's requests

// Answers the app's requests: a data set (the first as soon as the app runs, another when the
// Training tab or a link asks) in two parts, its 1,000 test images and then its 9,000 training
// images, with progress; and a preset's pretrained weights, each when the app first needs them.
// A weights file that cannot be had is not fatal: that preset starts untrained and says so.
function serveRequests(app) {
  const inFlight = new Set();  // asked twice while downloading (chosen, left, chosen again): one download
  let anomaliesAsked = false;
  const trouble = (message) => app.downloadTrouble(message);
  app.requestDataset = async (id) => {
    if (inFlight.has(id)) return;
    inFlight.add(id);
    const progress = (fraction) => app.setLoadProgress(fraction);
    try {
      app.receiveTestImages(id,
        await download(`data/${id}-test.bnds.gz`, { onProgress: progress, onTrouble: trouble }));
      app.receiveTrainingImages(id,
        await download(`data/${id}-train.bnds.gz`, { onProgress: progress, onTrouble: trouble }));
      // Clothes for the Anomaly tab while MNIST trains: Fashion-MNIST's test images.
      if (!anomaliesAsked && id === 'mnist') {
        anomaliesAsked = true;
        download('data/fashion-test.bnds.gz', { onTrouble: (message) => console.warn(message) })
          .then((bytes) => app.receiveAnomalies('Fashion-MNIST (1,000 test items)', bytes))
          .catch((error) => console.warn(`anomaly images: ${error.message}`));
      }
    } catch (error) {
      app.datasetFailed(id, String(error?.message ?? error));
    } finally {
      inFlight.delete(id);
    }
  };
  app.requestWeights = async (dataset, kind) => {
    try {
      // Offline, a preset whose weights no visit used starts untrained (and says so) rather than wait.
      app.receiveWeights(dataset, kind, await download(`pretrained/${dataset}-${kind}.safetensors.gz`,
        { onTrouble: trouble, offlineFatal: true }));
    } catch (error) {
      console.warn(`pretrained ${dataset} ${kind} weights: ${error.message}`);
      app.weightsFailed(dataset, kind);
    }
  };
}

// The address's hash holds the playground's settings (src/app/session/settings.h lists the keys),
// as TensorFlow Playground's does, and nothing goes in the query string. Opened or edited, the
// hash puts the playground there; the hash follows the user's changes through replaceState, so a
// session of clicks does not flood the history.
function keepHashInStep(app) {
  app.setPageAddress(location.href.split('#')[0]);
  let shown = location.hash.slice(1);  // the settings the hash holds now
  if (shown) app.applyLink(shown);
  window.addEventListener('hashchange', (event) => {
    // The event's own address: the interval below may have replaced the hash since it was edited.
    const text = new URL(event.newURL).hash.slice(1);
    if (text === shown) return;
    shown = text;
    app.applyLink(text);
  });
  setInterval(() => {
    const text = app.linkText();  // null while a link or preset is still loading
    if (text === null || text === shown) return;
    shown = text;
    history.replaceState(history.state, '', text ? `#${text}` : location.pathname + location.search);
  }, 250);
}

// "Copy link" and "Embed" put text on the clipboard. The app asks from its frame, a moment after
// the click, which browsers still count as the user's gesture; where the clipboard API is refused
// (an iframe without clipboard-write, say), a selected text area and execCommand do it.
function copyText(text) {
  const fallback = () => {
    const area = document.createElement('textarea');
    area.value = text;
    area.style.cssText = 'position: fixed; opacity: 0;';
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
    document.getElementById('canvas').focus();
  };
  if (navigator.clipboard?.writeText) navigator.clipboard.writeText(text).catch(fallback);
  else fallback();
}

// Files in and out: Download model hands over a file's bytes to save; Load model and Your
// images ask for files to open. A .safetensors file dropped on the page loads as if opened, and
// anything else dropped becomes "Your images".
function serveFiles(app) {
  app.saveFile = (name, bytes) => {
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  const load = async (file) => app.loadModelFile(file.name, new Uint8Array(await file.arrayBuffer()));
  const pick = (accept, multiple, then) => {
    const input = Object.assign(document.createElement('input'), { type: 'file', accept, multiple });
    input.addEventListener('change', () => { if (input.files.length) then(input.files); });
    input.click();
  };
  app.openModelFile = () => pick('.safetensors', false, (files) => load(files[0]));
  app.openOwnFiles = () => pick('.png,.jpg,.jpeg,.csv,.zip', true, (files) => sendOwnFiles(app, filesOfList(files)));
  const canvas = document.getElementById('canvas');
  // While files are dragged over the page it says what a drop will do; nothing showed before.
  const hint = document.getElementById('drop-hint');
  const carriesFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');
  canvas.addEventListener('dragenter', (event) => { if (carriesFiles(event)) hint.hidden = false; });
  canvas.addEventListener('dragover', (event) => {
    event.preventDefault();
    if (carriesFiles(event)) hint.hidden = false;
  });
  canvas.addEventListener('dragleave', () => { hint.hidden = true; });
  canvas.addEventListener('drop', (event) => {
    event.preventDefault();
    hint.hidden = true;
    // A .safetensors file is a model; everything else (pictures, CSVs, zips, folders) is the
    // user's own images, and the app names what it could not use.
    const dropped = filesOfDrop(event.dataTransfer);
    const isModel = (entry) => entry.path?.toLowerCase().endsWith('.safetensors');
    const model = dropped.find(isModel);
    if (model) model.open().then(load);
    const images = dropped.filter((entry) => !isModel(entry));
    if (images.length) sendOwnFiles(app, images).catch((error) => console.error(error));
  });
}

// The build's three parts, each compressed: its script (plain: the page runs no script from a
// blob), its WebAssembly, compiled while it streams in, and its .data file (the UI's font), which
// Emscripten's file packager takes from getPreloadedPackage instead of fetching it.
async function startBuild() {
  const canvas = document.getElementById('canvas');
  const onTrouble = (message) => showStatus(message || 'Loading Bottleneck…');
  const font = download(`bottleneck-${build}.data.gz`, { onTrouble });
  const wasmUrl = `bottleneck-${build}.wasm.gz`;
  const wasm = retrying(wasmUrl, () => fetchChecked(wasmUrl), { onTrouble });
  await loadScript(`bottleneck-${build}.js`);
  const createModule = window[`createBottleneck_${build}`];
  const fontBytes = await font;
  return createModule({
    canvas,
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    getPreloadedPackage: () => fontBytes.buffer,
    instantiateWasm(imports, receiveInstance) {
      wasm.then((response) => WebAssembly.instantiateStreaming(
        new Response(response.body.pipeThrough(new DecompressionStream('gzip')),
          { headers: { 'Content-Type': 'application/wasm' } }), imports))
        .then(({ instance, module }) => receiveInstance(instance, module))
        .catch((error) => showStatus(`Bottleneck could not start: ${error.message}. Reload to try again.`, true));
      return {};  // the exports come later, through receiveInstance
    },
  });
}

async function start() {
  if (!document.createElement('canvas').getContext('webgl2')) {
    showStatus('Bottleneck needs WebGL 2, which this browser does not offer.', true);
    return;
  }
  const app = await startBuild();
  status.hidden = true;
  app.copyText = copyText;
  exposeAutomation(app);
  serveRequests(app);
  keepHashInStep(app);
  serveFiles(app);
  const canvas = document.getElementById('canvas');
  canvas.addEventListener('contextmenu', (event) => event.preventDefault());  // right-drag stays ours
  // The pad draws from the pointer events themselves, every coalesced one, with a pen's pressure:
  // position and pressure in one reading. Mice and fingers report 0.5 while pressed, which is not
  // a pressure: they draw at full strength.
  const forwardPen = (event) => {
    const box = canvas.getBoundingClientRect();
    const lifted = event.type === 'pointerup' || event.type === 'pointercancel';
    const readings = event.getCoalescedEvents?.() ?? [];
    for (const e of readings.length ? readings : [event]) {
      const pressure = e.pointerType === 'pen' ? e.pressure : 1;
      app.pen(e.clientX - box.left, e.clientY - box.top, pressure, lifted ? 0 : e.buttons);
    }
    // A finger's swipe off the pad scrolls the panels: the canvas takes every touch, so the
    // browser scrolls nothing itself.
    if (event.pointerType === 'touch') {
      const phase = event.type === 'pointerdown' ? 0 : lifted ? 2 : 1;
      app.touch(event.clientX - box.left, event.clientY - box.top, phase);
    }
  };
  for (const type of ['pointerdown', 'pointermove', 'pointerup', 'pointercancel']) {
    canvas.addEventListener(type, forwardPen);
  }
  canvas.focus();
}

// On a static host the page reloads once to become cross-origin isolated: nothing starts before.
if (!(await becomeIsolated())) {
  start().catch((error) => {
    console.error(error);
    showStatus(`Bottleneck could not start: ${error.message}`, true);
  });
}
