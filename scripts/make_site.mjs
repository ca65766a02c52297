// Makes the folder to copy to a static host: the web build, plus what a host without COOP/COEP
// headers needs to run the threaded build and to work offline (web/sw.js, web/isolation.js).
//
//   node scripts/make_site.mjs --from build/web --to dist/site     (./build.sh dist runs this)
//
// It replaces --to with a fresh copy of --from, adds the service worker's <meta> to index.html (the
// only page that registers it, see web/isolation.js), and fills in the worker's two placeholders:
// VERSION, the first 16 hex digits of a SHA-256 over every file's path and bytes, so any change to
// the site is a new version and replaces the browser's cache of the old; FILES, every file but
// examples/ (the worker leaves those alone) with the hash of its bytes, and './'; and SHELL, the
// page and its scripts, which is all it precaches (the rest is cached when the page first uses it).
// The worker's template is --from's sw.js (./build.sh web copies web/sw.js there).

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const META = '<meta name="bottleneck-service-worker" content="sw.js">';
const USAGE = 'usage: node scripts/make_site.mjs --from WEB_BUILD --to SITE_DIR';

function parseArguments(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const name = { '--from': 'from', '--to': 'to' }[argv[i]];
    if (!name) throw new Error(`unknown option: ${argv[i]}`);
    if (i + 1 >= argv.length) throw new Error(`${argv[i]} needs a value`);
    options[name] = path.resolve(argv[++i]);
  }
  if (!options.from || !options.to) throw new Error('--from and --to are both required');
  return options;
}

// Relative paths with '/' (they become URLs), sorted so the version does not depend on the order
// the file system lists them in.
function listFiles(root, under = '') {
  const files = [];
  for (const entry of fs.readdirSync(path.join(root, under), { withFileTypes: true })) {
    const relative = under ? `${under}/${entry.name}` : entry.name;
    const stats = fs.statSync(path.join(root, relative));
    if (stats.isDirectory()) files.push(...listFiles(root, relative));
    else if (stats.isFile()) files.push(relative);
  }
  return files.sort();
}

function fillIn(text, placeholder, value, file) {
  if (!text.includes(placeholder)) throw new Error(`${file} has no ${placeholder} to fill in`);
  return text.replace(placeholder, () => value);
}

function makeSite({ from, to }) {
  for (const needed of ['index.html', 'sw.js', 'isolation.js']) {
    if (!fs.existsSync(path.join(from, needed))) {
      throw new Error(`${path.join(from, needed)} is missing: run ./build.sh web first`);
    }
  }
  const relative = path.relative(to, from);
  if (!relative || (!relative.startsWith('..') && !path.isAbsolute(relative))) {
    throw new Error(`refusing to replace --to ${to}: it holds --from ${from}`);
  }
  fs.rmSync(to, { recursive: true, force: true });

  const indexFrom = path.join(from, 'index.html');
  const index = fs.readFileSync(indexFrom, 'utf8');
  if (!/<head>/i.test(index)) throw new Error(`${indexFrom} has no <head> to add the service worker's <meta> to`);

  const files = listFiles(from);
  const hash = crypto.createHash('sha256');
  const fileHashes = {};
  let bytes = 0;
  for (const file of files) {
    let content = fs.readFileSync(path.join(from, file));
    if (file === 'index.html') content = Buffer.from(index.replace(/<head>/i, (head) => `${head}\n  ${META}`));
    // The length keeps one file's bytes from running into the next file's name.
    hash.update(`${file}\0${content.length}\0`);
    hash.update(content);
    if (!file.startsWith('examples/') && file !== 'sw.js') {
      fileHashes[file] = crypto.createHash('sha256').update(content).digest('hex').slice(0, 16);
    }
    bytes += content.length;
    fs.mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    fs.writeFileSync(path.join(to, file), content);
  }
  const version = hash.digest('hex').slice(0, 16);
  fileHashes['./'] = fileHashes['index.html'];

  // The shell: the page and its own scripts. A build, a data set or weights are cached when used.
  const shell = Object.keys(fileHashes)
    .filter((file) => file === './' || /^(?!bottleneck-)[^/]+\.(html|js)$/.test(file));
  const workerPath = path.join(to, 'sw.js');
  let worker = fs.readFileSync(workerPath, 'utf8');
  worker = fillIn(worker, '__BOTTLENECK_VERSION__', version, workerPath);
  worker = fillIn(worker, '__BOTTLENECK_FILES__', JSON.stringify(fileHashes, null, 2), workerPath);
  worker = fillIn(worker, '__BOTTLENECK_SHELL__', JSON.stringify(shell), workerPath);
  fs.writeFileSync(workerPath, worker);

  return { files: files.length, bytes, version };
}

let options;
try {
  options = parseArguments(process.argv.slice(2));
} catch (error) {
  console.error(`make_site.mjs: ${error.message}\n${USAGE}`);
  process.exit(2);
}
try {
  const { files, bytes, version } = makeSite(options);
  const shown = path.relative(process.cwd(), options.to);
  console.log(`${shown.startsWith('..') || !shown ? options.to : shown}: ${files} files, `
    + `${(bytes / 1e6).toFixed(1)} MB, version ${version}`);
} catch (error) {
  console.error(`make_site.mjs: ${error.message}`);
  process.exit(1);
}
