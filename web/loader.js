// Starts Bottleneck: picks the WebAssembly build, starts it, downloads the data set with progress,
// and exposes `window.bottleneck` for tests and tutorials.
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

// Streams a file, reporting the fraction received so far.
async function download(url, onProgress) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const total = Number(response.headers.get('Content-Length')) || 0;
  const reader = response.body.getReader();
  const chunks = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    if (total) onProgress(Math.min(1, received / total));
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
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
  };
}

// Answers the app's requests for a data set (the first, MNIST, as soon as the app runs; another
// when the Training tab asks): the weights trained on it first (small, about 4 MB in all, so a
// preset is ready the moment the data is in), then "<id>10k.bnds" (9,000 training and 1,000 test
// images), with progress. A missing weights file is not fatal: that preset starts untrained and
// says so. The app's list of kinds is the one truth of which files there are.
async function loadPretrained(app, dataset) {
  const kinds = app.pretrainedKinds();
  await Promise.all(kinds.map(async (kind) => {
    try {
      const response = await fetch(`pretrained/${dataset}-${kind}.safetensors`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      app.receiveWeights(dataset, kind, new Uint8Array(await response.arrayBuffer()));
    } catch (error) {
      console.warn(`pretrained ${dataset} ${kind} weights: ${error.message}`);
    }
  }));
  app.weightsDone(dataset);
}

// Clothes for the Anomaly tab while MNIST trains: small, and not needed for the first frame.
function loadAnomalies(app) {
  download('data/fashion-test-1k.bnds', () => {})
    .then((anomalies) => app.receiveAnomalies('Fashion-MNIST (1,000 test items)', anomalies))
    .catch((error) => console.warn(`anomaly images: ${error.message}`));
}

function serveDatasetRequests(app) {
  const inFlight = new Set();  // asked twice while downloading (chosen, left, chosen again): one download
  let anomaliesAsked = false;
  app.requestDataset = async (id) => {
    if (inFlight.has(id)) return;
    inFlight.add(id);
    try {
      await loadPretrained(app, id);
      const bytes = await download(`data/${id}10k.bnds`, (fraction) => app.setLoadProgress(fraction));
      app.receiveDataset(id, bytes);
      if (!anomaliesAsked) {
        anomaliesAsked = true;
        loadAnomalies(app);
      }
    } catch (error) {
      app.datasetFailed(id, String(error?.message ?? error));
    } finally {
      inFlight.delete(id);
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

async function start() {
  if (!document.createElement('canvas').getContext('webgl2')) {
    showStatus('Bottleneck needs WebGL 2, which this browser does not offer.', true);
    return;
  }
  await loadScript(`bottleneck-${build}.js`);
  const createModule = window[`createBottleneck_${build}`];
  const app = await createModule({
    canvas: document.getElementById('canvas'),
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
  });
  status.hidden = true;
  app.copyText = copyText;
  exposeAutomation(app);
  serveDatasetRequests(app);
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
