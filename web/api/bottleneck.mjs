// Bottleneck's JavaScript API: autoencoders to train, probe and save, in node or in a page, on the
// same C++ core as the playground (bottleneck-core-{st,mt}.wasm, no UI).
//
//   import { load } from 'bottleneck-autoencoders';
//   const bn = await load();
//   const mnist = await bn.dataset('mnist');
//   const model = bn.createModel({ kind: 'ae', latent: 16 }, { data: mnist });
//   await model.train({ epochs: 1, onProgress: ({ step, loss }) => console.log(step, loss) });
//   const codes = model.encode(mnist.images('test', 0, 10));   // 10 rows of 16 numbers
//
// Images are Float32Arrays of rows of 784 pixels in [0, 1] (28×28, row-major); codes are rows of
// the model's latent size. Every failure throws an Error that says what was wrong.
//
// Emscripten 3.1.6's ES-module output does not run under node, so its classic output is loaded:
// through require in node, a <script> in a page, importScripts in a worker. The .wasm bytes are
// read here and handed over, so plain `node` needs no flags.

const isNode = typeof process !== 'undefined' && Boolean(process.versions?.node) && typeof window === 'undefined';
const here = new URL('.', import.meta.url);

const DATASETS = [
  { id: 'mnist', title: 'MNIST digits', file: 'data/mnist10k.bnds.gz' },
  { id: 'fashion', title: 'Fashion-MNIST clothes', file: 'data/fashion10k.bnds.gz' },
];
const PRETRAINED_KINDS = ['ae', 'sparse', 'denoise', 'vae', 'conv', 'pca'];
const PIXELS = 784;
const MB = 2 ** 20;

async function readBytes(relative) {
  const url = new URL(relative, here);
  if (isNode) {
    const { readFile } = await import('node:fs/promises');
    return new Uint8Array(await readFile(url));
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.href}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function gunzip(bytes) {
  if (isNode) {
    const { gunzipSync } = await import('node:zlib');
    return new Uint8Array(gunzipSync(bytes));
  }
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function loadFactory(variant) {
  const script = `bottleneck-core-${variant}.js`;
  const name = `createBottleneckCore_${variant}`;
  if (isNode) {
    const { createRequire } = await import('node:module');
    return createRequire(import.meta.url)(`./${script}`);
  }
  const src = new URL(script, here).href;
  if (typeof importScripts === 'function') {
    importScripts(src);
    return self[name];
  }
  if (!window[name]) {
    await new Promise((resolve, reject) => {
      const element = document.createElement('script');
      element.src = src;
      element.onload = resolve;
      element.onerror = () => reject(new Error(`could not load ${src}`));
      document.head.append(element);
    });
  }
  return window[name];
}

// Frees what the core holds for a wrapper the program forgot to dispose().
const finalizer = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry((handle) => { if (!handle.isDeleted()) handle.delete(); })
  : null;

function rowsOf(values, width, what) {
  if (!(values instanceof Float32Array)) throw new TypeError(`${what}: expected a Float32Array`);
  if (values.length === 0 || values.length % width !== 0) {
    throw new Error(`${what}: expected rows of ${width} values, got ${values.length} values`);
  }
  return values.length / width;
}

class Dataset {
  #api;
  #handle;

  constructor(api, handle, id) {
    this.#api = api;
    this.#handle = handle;
    this.id = id;
    this.trainCount = handle.count('train');
    this.testCount = handle.count('test');
    finalizer?.register(this, handle, this);
  }

  // Rows [first, first + count) of the 'train' or 'test' split.
  images(split, first = 0, count = 1) {
    return this.#api.call(() => this.#handle.images(split, first, count));
  }

  labels(split) {
    return new Uint8Array(this.#handle.labels(split));
  }

  get handle() {
    return this.#handle;
  }

  dispose() {
    finalizer?.unregister(this);
    if (!this.#handle.isDeleted()) this.#handle.delete();
  }
}

class Model {
  #api;
  #handle;
  #data = null;

  constructor(api, handle) {
    this.#api = api;
    this.#handle = handle;
    this.config = JSON.parse(handle.config());
    finalizer?.register(this, handle, this);
  }

  get data() {
    return this.#data;
  }

  set data(dataset) {
    if (!(dataset instanceof Dataset)) throw new TypeError('data: expected a Dataset from dataset(name)');
    this.#data = dataset;
    this.#handle.setData(dataset.handle);
  }

  get epoch() {
    return this.#handle.epoch();
  }

  // `steps` optimisation steps on the data's training split; the last batch's loss.
  trainSteps(steps = 1) {
    if (!this.#data) {
      throw new Error('trainSteps: no data to train on (pass { data } to createModel, or set model.data)');
    }
    return this.#api.call(() => this.#handle.trainSteps(steps));
  }

  // Trains for `epochs` passes over the training split, a slice at a time, yielding between slices
  // so that a page stays responsive. Resolves to the last loss.
  async train({ epochs = 1, onProgress, stepsPerSlice = 20 } = {}) {
    if (!this.#data) throw new Error('train: no data to train on (pass { data } to createModel, or set model.data)');
    const steps = Math.ceil((epochs * this.#data.trainCount) / this.config.batch_size);
    let loss = NaN;
    for (let step = 0; step < steps;) {
      const slice = Math.min(stepsPerSlice, steps - step);
      loss = this.trainSteps(slice);
      step += slice;
      onProgress?.({ step, steps, epoch: this.epoch, loss });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return loss;
  }

  loss(images) {
    return this.#api.call(() => this.#handle.loss(images, rowsOf(images, PIXELS, 'loss')));
  }

  encode(images) {
    return this.#api.call(() => this.#handle.encode(images, rowsOf(images, PIXELS, 'encode')));
  }

  decode(codes) {
    return this.#api.call(() => this.#handle.decode(codes, rowsOf(codes, this.config.latent, 'decode')));
  }

  reconstruct(images) {
    return this.#api.call(() => this.#handle.reconstruct(images, rowsOf(images, PIXELS, 'reconstruct')));
  }

  // `count` images from the prior (a VAE only).
  sample(count, seed = 0) {
    return this.#api.call(() => this.#handle.sample(count, seed));
  }

  // The model as a .safetensors file, the format of the CLI and the playground.
  save() {
    return this.#api.call(() => this.#handle.save());
  }

  dispose() {
    finalizer?.unregister(this);
    if (!this.#handle.isDeleted()) this.#handle.delete();
  }
}

class Bottleneck {
  #core;

  constructor(core, build, threads, memoryBudget) {
    this.#core = core;
    this.build = build;
    this.threads = threads;
    this.memoryBudget = memoryBudget;
  }

  // Runs a core call; a failure the core reports becomes an Error.
  call(body) {
    const result = body();
    const error = this.#core.takeError();
    if (error) throw new Error(error);
    return result;
  }

  datasets() {
    return DATASETS.map(({ id, title }) => ({ id, title }));
  }

  async dataset(id) {
    const entry = DATASETS.find((d) => d.id === id);
    if (!entry) throw new Error(`no data set called '${id}' (${DATASETS.map((d) => d.id).join(', ')})`);
    const bytes = await gunzip(await readBytes(entry.file));
    return new Dataset(this, this.call(() => this.#core.Dataset.fromBytes(id, bytes)), id);
  }

  createModel(config = {}, { data } = {}) {
    if (typeof config !== 'object' || config === null) throw new TypeError('createModel: expected a config object');
    const model = new Model(this, this.call(() => this.#core.Model.create(JSON.stringify(config), this.memoryBudget)));
    if (data) model.data = data;
    return model;
  }

  loadModel(bytes, { data } = {}) {
    if (!(bytes instanceof Uint8Array)) throw new TypeError('loadModel: expected a Uint8Array');
    const model = new Model(this, this.call(() => this.#core.Model.load(bytes, this.memoryBudget)));
    if (data) model.data = data;
    return model;
  }

  // The playground's pretrained model of a kind ('ae', 'sparse', 'denoise', 'vae', 'conv', 'pca'),
  // trained on 'mnist' or 'fashion'.
  async loadPretrained(kind, { dataset = 'mnist', data } = {}) {
    if (!PRETRAINED_KINDS.includes(kind)) {
      throw new Error(`no pretrained model of kind '${kind}' (${PRETRAINED_KINDS.join(', ')})`);
    }
    if (!DATASETS.some((d) => d.id === dataset)) throw new Error(`no data set called '${dataset}'`);
    return this.loadModel(await readBytes(`pretrained/${dataset}-${kind}.safetensors`), { data });
  }

  // A copy of `images` through noise: 'gaussian', 'salt_pepper', 'mask', 'blur' or 'none'.
  corrupt(images, { type = 'gaussian', level = 0.5, seed = 0 } = {}) {
    return this.call(() => this.#core.corrupt(images, rowsOf(images, PIXELS, 'corrupt'), type, level, seed));
  }

  // What a config would take to train, in bytes: { parameters, gradients, optimizer, activations, total }.
  estimateMemory(config) {
    return this.call(() => this.#core.estimateMemory(JSON.stringify(config)));
  }
}

// Starts the core. `threads` > 1 runs the threaded build where it can (a cross-origin isolated
// page); elsewhere, and in node, the single-thread build. `memoryBudget` (bytes) bounds what a
// model may take before it is built.
export async function load({ threads = 1, memoryBudget } = {}) {
  if (!Number.isInteger(threads) || threads < 1) {
    throw new Error(`load: threads must be a whole number from 1, got ${threads}`);
  }
  const threaded = threads > 1 && !isNode && self.crossOriginIsolated === true;
  const build = threaded ? 'mt' : 'st';
  const factory = await loadFactory(build);
  const wasmBinary = await readBytes(`bottleneck-core-${build}.wasm`);
  const core = await factory({
    wasmBinary,
    mainScriptUrlOrBlob: isNode ? undefined : new URL(`bottleneck-core-${build}.js`, here).href,
    print: () => {},
    printErr: (text) => console.warn(text),
  });
  if (threaded) core.setThreads(threads);
  // The threaded heap is a fixed 256 MB, of which a data set takes 31 MB.
  const budget = memoryBudget ?? (threaded ? 160 * MB : 1024 * MB);
  return new Bottleneck(core, build, threaded ? threads : 1, budget);
}
