// A tutorial author's script, typed: tsc --noEmit checks bottleneck.d.ts against it (and the
// package test runs the same calls for real). A type error here is a .d.ts that lies.
import { load, type Bottleneck, type Model, type TrainProgress } from 'bottleneck-autoencoders';

const bn: Bottleneck = await load({ threads: 1 });
const mnist = await bn.dataset('mnist');
const model: Model = bn.createModel({ kind: 'vae', latent: 2, hidden: [64], seed: 3 }, { data: mnist });
const progress: TrainProgress[] = [];
const last: number = await model.train({ epochs: 1, onProgress: (p) => progress.push(p) });
const digits: Float32Array = mnist.images('test', 0, 4);
const codes: Float32Array = model.encode(digits);
const images: Float32Array = model.decode(codes);
const samples: Float32Array = model.sample(2, 7);
const noisy: Float32Array = bn.corrupt(digits, { type: 'salt_pepper', level: 0.2 });
const file: Uint8Array = model.save();
const again: Model = bn.loadModel(file);
const pretrained: Model = await bn.loadPretrained('ae', { dataset: 'fashion' });
const bytes: number = bn.estimateMemory({ hidden: [512], latent: 8 }).total;
const kinds: string[] = bn.datasets().map((d) => d.id);
console.log(last, images.length, samples.length, noisy.length, again.config.latent, pretrained.config.kind, bytes, kinds,
  model.config.batch_size, bn.build, model.trainSteps(2), model.loss(digits));
