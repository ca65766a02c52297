// Types of bottleneck.mjs, written by hand (tests/api/ checks them with tsc against a typed example).

/** A model's config, as the CLI, saved files and the playground's links name its fields. Missing fields keep AE-32's. */
export interface ModelConfig {
  kind?: 'ae' | 'sparse' | 'denoise' | 'vae' | 'conv' | 'pca';
  image_side?: number;
  /** MLP encoder widths; the decoder mirrors them. */
  hidden?: number[];
  /** conv: the two stride-2 convolutions' channels. */
  channels?: [number, number];
  latent?: number;
  activation?: 'relu' | 'leaky_relu' | 'tanh' | 'sigmoid';
  loss?: 'bce' | 'mse';
  /** VAE: the KL term's weight. */
  beta?: number;
  sparsity?: 'l1' | 'kl';
  lambda?: number;
  rho?: number;
  /** The corruption the model trains with (a denoiser needs one). */
  noise?: Noise;
  optimizer?: 'adam' | 'sgd';
  learning_rate?: number;
  momentum?: number;
  batch_size?: number;
  init?: 'torch' | 'he' | 'glorot';
  seed?: number;
}

export type NoiseType = 'none' | 'gaussian' | 'salt_pepper' | 'mask' | 'blur';

export interface Noise {
  type: NoiseType;
  level: number;
}

export interface DatasetInfo {
  id: 'mnist' | 'fashion';
  title: string;
}

export type Split = 'train' | 'test';

/** A data set of 28×28 images: 9,000 for training and 1,000 for testing. */
export interface Dataset {
  readonly id: string;
  readonly trainCount: number;
  readonly testCount: number;
  /** Rows [first, first + count) of a split: count × 784 values in [0, 1]. */
  images(split: Split, first?: number, count?: number): Float32Array;
  labels(split: Split): Uint8Array;
  /** Frees the core's copy now (otherwise it goes when the object is collected). */
  dispose(): void;
}

export interface TrainProgress {
  step: number;
  steps: number;
  epoch: number;
  loss: number;
}

export interface TrainOptions {
  epochs?: number;
  onProgress?: (progress: TrainProgress) => void;
  /** Steps between yields to the page (20). */
  stepsPerSlice?: number;
}

export interface MemoryEstimate {
  parameters: number;
  gradients: number;
  optimizer: number;
  activations: number;
  total: number;
}

export interface Model {
  /** The full config, every field filled in. */
  readonly config: Required<ModelConfig>;
  /** The data set trainSteps and train use. */
  data: Dataset | null;
  /** Completed passes over the training split. */
  readonly epoch: number;
  /** Optimisation steps on the training split; returns the last batch's loss. */
  trainSteps(steps?: number): number;
  /** Trains for whole epochs, yielding between slices; resolves to the last loss. */
  train(options?: TrainOptions): Promise<number>;
  /** The training loss of some images (rows of 784). */
  loss(images: Float32Array): number;
  /** Rows of 784 pixels to rows of `config.latent` numbers. */
  encode(images: Float32Array): Float32Array;
  /** Rows of `config.latent` numbers to rows of 784 pixels. */
  decode(codes: Float32Array): Float32Array;
  reconstruct(images: Float32Array): Float32Array;
  /** Images from the prior: a VAE only. */
  sample(count: number, seed?: number): Float32Array;
  /** A .safetensors file, as the CLI and the playground save them. */
  save(): Uint8Array;
  dispose(): void;
}

export interface Bottleneck {
  /** The WebAssembly build that runs: 'mt' (threads) or 'st'. */
  readonly build: 'mt' | 'st';
  readonly threads: number;
  /** Bytes a model may take to train; a larger config is refused before it is built. */
  readonly memoryBudget: number;
  datasets(): DatasetInfo[];
  dataset(id: 'mnist' | 'fashion'): Promise<Dataset>;
  createModel(config?: ModelConfig, options?: { data?: Dataset }): Model;
  loadModel(bytes: Uint8Array, options?: { data?: Dataset }): Model;
  loadPretrained(kind: 'ae' | 'sparse' | 'denoise' | 'vae' | 'conv' | 'pca',
                 options?: { dataset?: 'mnist' | 'fashion'; data?: Dataset }): Promise<Model>;
  corrupt(images: Float32Array, noise?: { type?: NoiseType; level?: number; seed?: number }): Float32Array;
  estimateMemory(config: ModelConfig): MemoryEstimate;
}

export interface LoadOptions {
  /** More than 1: the threaded build, where the page is cross-origin isolated. */
  threads?: number;
  /** Bytes a model may take (160 MB threaded, 1 GB otherwise). */
  memoryBudget?: number;
}

export function load(options?: LoadOptions): Promise<Bottleneck>;
