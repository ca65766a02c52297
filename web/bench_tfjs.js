// TensorFlow.js training PRODUCT.md's AE-32 as the core does (web/bench_worker.js): batch 64 of
// MNIST-10k, Adam (lr 1e-3), sigmoid cross-entropy on the decoder's logits. The standard training
// loop of its guide: optimizer.minimize over a loss function, one step at a time. Backend "wasm"
// (SIMD, and threads when the page is cross-origin isolated) or "cpu". It runs on the page itself,
// as TF.js is used (its threaded wasm backend cannot start its workers from inside a worker), from
// ./build.sh bench's copy of the npm packages (tfjs/), which web/bench.js loads first.

export async function runTfjs(backend, threads, quick) {
  const tf = window.tf;
  if (backend === 'wasm') {
    tf.wasm.setWasmPaths('tfjs/');
    if (threads) tf.wasm.setThreadsCount(threads);
  }
  if (!(await tf.setBackend(backend))) throw new Error(`TensorFlow.js could not start its ${backend} backend`);
  await tf.ready();

  const response = await fetch('data/mnist10k.bnds');
  const bytes = new Uint8Array(await response.arrayBuffer());
  const count = new DataView(bytes.buffer).getUint32(8, true);
  const images = new Float32Array(count * 784);
  for (let i = 0; i < images.length; i++) images[i] = bytes[20 + i] / 255;

  const dense = (units, activation) => tf.layers.dense({ units, activation });
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 256, activation: 'relu' }), dense(128, 'relu'), dense(32),
      dense(128, 'relu'), dense(256, 'relu'), dense(784),
    ],
  });
  const optimizer = tf.train.adam(1e-3);
  const batch = 64;
  let next = 0;
  const step = () => {
    const start = (next++ * batch) % (count - batch);
    const x = tf.tensor2d(images.subarray(start * 784, (start + batch) * 784), [batch, 784]);
    const loss = optimizer.minimize(() => tf.losses.sigmoidCrossEntropy(x, model.apply(x)), true);
    x.dispose();
    return loss;
  };
  const run = async (steps) => {
    let loss;
    for (let i = 0; i < steps; i++) {
      loss?.dispose();
      loss = step();
    }
    await loss.data();  // the work is queued until something reads a result
    loss.dispose();
  };
  await run(5);  // warm-up: kernels compiled, memory allocated
  const steps = quick ? 10 : 30, repeats = quick ? 5 : 7;
  const rates = [];
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    await run(steps);
    rates.push((batch * steps) / ((performance.now() - start) / 1000));
  }
  rates.sort((a, b) => a - b);
  return {
    engine: 'tfjs',
    version: tf.version.tfjs,
    backend: tf.getBackend(),
    threads: backend === 'wasm' ? tf.wasm.getThreadsCount?.() ?? null : 1,
    loop: 'optimizer.minimize, one step at a time',
    simd: backend === 'wasm' ? await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') : false,
    multithread: backend === 'wasm' ? await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT') : false,
    train_samples_per_s: { ae32: { median: rates[rates.length >> 1], min: rates[0], max: rates.at(-1), repeats } },
  };
}
