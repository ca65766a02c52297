// The JavaScript API as a tutorial author gets it: the npm package packed from the web build's api/
// folder, installed from its tarball into an empty project, and run with plain node (no flags).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const apiDir = path.resolve(repoRoot, process.env.BOTTLENECK_API ?? 'build/web/api');
let project;

// Runs a module in the project with plain node, and returns what it printed as JSON.
function run(source) {
  const file = path.join(project, `script-${Math.random().toString(36).slice(2)}.mjs`);
  fs.writeFileSync(file, source);
  return JSON.parse(execFileSync(process.execPath, [file], { cwd: project, encoding: 'utf8' }));
}

before(() => {
  if (!fs.existsSync(path.join(apiDir, 'bottleneck.mjs'))) throw new Error(`${apiDir} is missing: run ./build.sh web`);
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-api-'));
  const packed = execFileSync(process.execPath,
    [path.join(repoRoot, 'scripts/make_npm.mjs'), '--from', apiDir, '--to', path.join(project, 'dist')],
    { encoding: 'utf8' }).trim().split('\n');
  const tarball = packed.pop();
  fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "tutorial", "private": true, "type": "module" }\n');
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball],
    { cwd: project, stdio: 'pipe' });
});

after(() => {
  if (project) fs.rmSync(project, { recursive: true, force: true });
});

test('trains through the installed package: the loss falls, encode then decode is reconstruct, save and load agree',
  () => {
    const result = run(`
      import { load } from 'bottleneck-autoencoders';
      const bn = await load();
      const mnist = await bn.dataset('mnist');
      const model = bn.createModel({ kind: 'ae', latent: 16, hidden: [128], seed: 1 }, { data: mnist });
      const test = mnist.images('test', 0, 200);
      const before = model.loss(test);
      let reports = 0;
      await model.train({ epochs: 1, onProgress: () => { reports += 1; } });
      const after = model.loss(test);
      const rebuilt = model.reconstruct(test);
      const viaCode = model.decode(model.encode(test));
      const again = bn.loadModel(model.save()).reconstruct(test);
      const maxDiff = (a, b) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
      const vae = await bn.loadPretrained('vae');
      console.log(JSON.stringify({ build: bn.build, before, after, reports, codes: model.encode(test).length,
        encodeDecode: maxDiff(rebuilt, viaCode), saveLoad: maxDiff(rebuilt, again), samples: vae.sample(3, 1).length,
        noisy: bn.corrupt(test.subarray(0, 784), { type: 'gaussian', level: 0.5, seed: 4 }).length,
        trainCount: mnist.trainCount, testCount: mnist.testCount, labels: mnist.labels('test').length }));
    `);
    assert.equal(result.build, 'st');
    assert.equal(result.trainCount, 9000);
    assert.equal(result.testCount, 1000);
    assert.equal(result.labels, 1000);
    assert.ok(result.after < result.before * 0.6, `the test loss went from ${result.before} to ${result.after}`);
    assert.ok(result.reports > 1, 'train() reported its progress');
    assert.equal(result.codes, 200 * 16);
    assert.equal(result.encodeDecode, 0, 'decode(encode(x)) is not reconstruct(x)');
    assert.equal(result.saveLoad, 0, 'the saved and loaded model gives other outputs');
    assert.equal(result.samples, 3 * 784);
    assert.equal(result.noisy, 784);
  });

test('mistakes throw Errors that say what was wrong', () => {
  const messages = run(`
    import { load } from 'bottleneck-autoencoders';
    const bn = await load();
    const model = bn.createModel({ latent: 8, hidden: [32] });
    const attempts = {
      wrongLength: () => model.encode(new Float32Array(10)),
      unknownKind: () => bn.createModel({ kind: 'transformer' }),
      corruptFile: () => bn.loadModel(new Uint8Array([8, 0, 0, 0, 0, 0, 0, 0, 123, 125])),
      overBudget: () => bn.createModel({ hidden: [4096, 4096, 4096, 4096], latent: 64 }),
      noData: () => model.trainSteps(1),
      notVae: () => model.sample(2),
    };
    const out = {};
    for (const [name, attempt] of Object.entries(attempts)) {
      try { attempt(); out[name] = 'no error'; } catch (error) { out[name] = (error instanceof Error ? '' : 'not an Error: ') + error.message; }
    }
    out.unknownSet = await bn.dataset('cifar').then(() => 'no error', (error) => error.message);
    console.log(JSON.stringify(out));
  `);
  assert.match(messages.wrongLength, /encode: expected rows of 784 values, got 10 values/);
  assert.match(messages.unknownKind, /unknown model kind 'transformer'/);
  assert.match(messages.corruptFile, /the model file: /);
  assert.match(messages.overBudget, /not enough memory for .*: it needs about [\d.]+ GB .*over the budget of 1\.0 GB/);
  assert.match(messages.noData, /no data to train on/);
  assert.match(messages.notVae, /only a VAE can sample/);
  assert.match(messages.unknownSet, /no data set called 'cifar'/);
});

// Issue 29: a header nested 20,000 deep threw an uncaught RangeError (and leaked the heap) instead
// of an Error; a tiny file claiming the largest model must be refused before it is allocated.
test('hostile model files throw Errors with the reason, a hundred times over, and the API still works', () => {
  const hostile = new URL('../support/hostile.mjs', import.meta.url).href;
  const out = run(`
    import { load } from 'bottleneck-autoencoders';
    import { deeplyNestedSafetensors, hugeConfigSafetensors, safetensorsOf } from '${hostile}';
    const bn = await load();
    const messages = new Set();
    const files = [deeplyNestedSafetensors(20000), hugeConfigSafetensors(),
      safetensorsOf('{"t": {"dtype": "F32", "shape": [3.9], "data_offsets": [0, 12]}}', 12)];
    for (let i = 0; i < 100; i++) {
      for (const file of files) {
        try { bn.loadModel(new Uint8Array(file)); messages.add('no error'); }
        catch (error) { messages.add((error instanceof Error ? '' : 'not an Error: ') + error.message); }
      }
    }
    const model = bn.createModel({ latent: 4, hidden: [16] });
    console.log(JSON.stringify({ messages: [...messages], works: model.encode(new Float32Array(784)).length }));
  `);
  assert.equal(out.messages.length, 3, out.messages.join('\n'));
  assert.match(out.messages[0],
    /^the model file: not a valid safetensors file: the header nests arrays and objects more than 16 deep/);
  assert.match(out.messages[1], /not enough memory|but the file holds only/);
  assert.match(out.messages[2], /no Bottleneck config|shape holds 3\.9/);
  assert.equal(out.works, 4);
});

test('the hand-written types match the module (tsc --noEmit on a typed example)', () => {
  fs.copyFileSync(path.join(repoRoot, 'tests/api/example.ts'), path.join(project, 'example.ts'));
  const tsc = path.join(repoRoot, 'node_modules/.bin/tsc');
  const args = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext',
    '--lib', 'es2022,dom', 'example.ts'];
  try {
    execFileSync(tsc, args, { cwd: project, encoding: 'utf8' });
  } catch (error) {
    assert.fail(`tsc found type errors:\n${error.stdout}${error.stderr}`);
  }
  // And a wrong call is caught: the check can fail.
  fs.writeFileSync(path.join(project, 'wrong.ts'),
    "import { load } from 'bottleneck-autoencoders';\nconst bn = await load();\nbn.createModel({ kind: 'cnn' });\n");
  assert.throws(() => execFileSync(tsc, [...args.slice(0, -1), 'wrong.ts'], { cwd: project, stdio: 'pipe' }));
});
