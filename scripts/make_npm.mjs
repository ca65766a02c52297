// Writes the npm package of the JavaScript API: a fresh <to>/package/ folder from the web build's
// api/ folder (the module, its types, both core builds, the compressed data and the pretrained
// weights), then packs it with `npm pack` into <to>/bottleneck-autoencoders-<version>.tgz.
//
//   node scripts/make_npm.mjs --from build/web/api --to dist/npm
//
// Prints the tarball's path on the last line of stdout.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const NAME = 'bottleneck-autoencoders';
const VERSION = '0.1.0';

function parseArguments(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (argv[i] !== '--from' && argv[i] !== '--to') throw new Error(`unknown option: ${argv[i]}`);
    if (i + 1 >= argv.length) throw new Error(`${argv[i]} needs a value`);
    options[argv[i].slice(2)] = path.resolve(argv[i + 1]);
  }
  if (!options.from || !options.to) throw new Error('usage: make_npm.mjs --from build/web/api --to dist/npm');
  return options;
}

function main() {
  const { from, to } = parseArguments(process.argv.slice(2));
  if (!fs.existsSync(path.join(from, 'bottleneck.mjs'))) {
    throw new Error(`${from}/bottleneck.mjs is missing: run ./build.sh web`);
  }
  const packageDir = path.join(to, 'package');
  fs.rmSync(to, { recursive: true, force: true });
  fs.mkdirSync(to, { recursive: true });
  fs.cpSync(from, packageDir, { recursive: true });
  const manifest = {
    name: NAME,
    version: VERSION,
    description: 'Autoencoders in JavaScript: train, encode, decode and sample on MNIST, in node and the browser '
      + '(WebAssembly)',
    // No "type": "module": the module is .mjs, and Emscripten's core scripts beside it are
    // CommonJS, which node must load with require.
    exports: { '.': { types: './bottleneck.d.ts', default: './bottleneck.mjs' } },
    types: './bottleneck.d.ts',
    files: ['bottleneck.mjs', 'bottleneck.d.ts', 'bottleneck-core-*', 'data/', 'pretrained/', 'README.md'],
    engines: { node: '>=18' },
    keywords: ['autoencoder', 'vae', 'mnist', 'webassembly', 'machine-learning'],
  };
  fs.writeFileSync(path.join(packageDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const packed = { cwd: packageDir, encoding: 'utf8' };
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', to], packed)
    .trim().split('\n').pop();
  const tarballPath = path.join(to, tarball);
  const megabytes = (fs.statSync(tarballPath).size / 2 ** 20).toFixed(1);
  console.log(`${NAME} ${VERSION}: ${megabytes} MB packed`);
  console.log(tarballPath);
}

try {
  main();
} catch (error) {
  console.error(`make_npm.mjs: ${error.message}`);
  process.exit(1);
}
