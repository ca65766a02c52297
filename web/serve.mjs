// Bottleneck's static file server: serves build/web on localhost with the headers the page needs.
//
//   node web/serve.mjs --root build/web [--port 8080] [--host 127.0.0.1] [--no-isolation] [--verbose]
//
// By default it sends COOP/COEP/CORP, so the page is cross-origin isolated and the loader picks the
// threaded ("mt") build. --no-isolation drops those three headers, which makes the loader pick the
// single-thread ("st") build: the same page a plain static host would give you.
//
// The embed example (/examples/embed.html) never gets those three headers, isolation or not: it
// stands for a typical blog, which is not isolated, so the playground in its iframes runs the st
// build. The other examples (the API tutorial) are served like the playground.
//
// Tests start it in-process instead (port 0 picks a free port):
//
//   import { startServer } from '../../web/serve.mjs';
//   const { url, close } = await startServer({ root, port: 0, isolation: false });
//
// Limits: GET and HEAD only, no range requests, no compression, no caching beyond `no-cache`. It
// serves nothing outside its root: `..` in any spelling is refused, and so is a symbolic link that
// leads out of it; it never redirects to another host.
// It is a development and test server for localhost, not something to expose to a network.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.gz': 'application/gzip',  // a file that is compressed, as static hosts send it: no Content-Encoding
  '.json': 'application/json',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
  '.bnds': 'application/octet-stream',
};
const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

const BLOG_PAGE = '/examples/embed.html';

const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

// Only the page's own origin. Emscripten starts pthread workers from blob: URLs in some
// configurations, hence `worker-src blob:`. 'unsafe-eval' stays because Emscripten 3.1.6's glue
// may build functions from strings at run time (e.g. Embind's generated invokers use
// `new Function`); 'wasm-unsafe-eval' alone only covers compiling the module. `blobScripts` is for
// the benchmark's TensorFlow.js alone: its threaded wasm backend's workers importScripts a blob:.
function contentSecurityPolicy(blobScripts) {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'${blobScripts ? ' blob:' : ''}`,
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    'frame-ancestors *',
  ].join('; ');
}

function commonHeaders(isolation, blobScripts) {
  return {
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': contentSecurityPolicy(blobScripts),
    ...(isolation ? ISOLATION_HEADERS : {}),
  };
}

function sendText(response, status, text, headers, isHead) {
  const body = Buffer.from(`${text}\n`, 'utf8');
  response.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': body.length,
  });
  response.end(isHead ? undefined : body);
}

// Maps a request target to a file path inside root, or returns an HTTP status explaining why not.
// The raw target is read segment by segment (not by WHATWG URL parsing, which would normalise
// `..` away): a segment that decodes to `.` or `..`, or to anything holding a slash, a backslash or
// a NUL, is refused, so no spelling of `..` (`%2e%2e`, `%2F..`) reaches the file system. A target
// that does not start with exactly one '/' is refused too: `//host/x` would make the redirect
// below name another host.
function resolveTarget(root, target) {
  const rawPath = target.split(/[?#]/, 1)[0];
  if (!rawPath.startsWith('/') || rawPath.startsWith('//')) return { status: 400 };
  const segments = [];
  for (const raw of rawPath.slice(1).split('/')) {
    let segment;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { status: 400 };
    }
    if (/[\\/\0]/.test(segment)) return { status: 400 };
    if (segment === '.' || segment === '..') return { status: 403 };
    segments.push(segment);
  }
  const filePath = path.resolve(root, ...segments);
  const relative = path.relative(root, filePath);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return { status: 403 };
  return { filePath, urlPath: rawPath, query: target.slice(rawPath.length) };
}

function handleRequest(root, isolation, blobScripts, verbose, request, response) {
  const started = process.hrtime.bigint();
  if (verbose) {
    response.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      console.log(`${request.method} ${request.url} ${response.statusCode} ${ms.toFixed(1)} ms`);
    });
  }
  const headers = commonHeaders(isolation && (request.url ?? '/').split(/[?#]/, 1)[0] !== BLOG_PAGE, blobScripts);
  const isHead = request.method === 'HEAD';
  if (request.method !== 'GET' && !isHead) {
    sendText(response, 405, 'Method not allowed', { ...headers, Allow: 'GET, HEAD' }, false);
    return;
  }
  const target = resolveTarget(root, request.url ?? '/');
  if (target.status === 400) return sendText(response, 400, 'Bad request', headers, isHead);
  if (target.status === 403) return sendText(response, 403, 'Forbidden', headers, isHead);

  let filePath = target.filePath;
  // A symbolic link inside the root may point anywhere: what is served must really live inside it.
  const insideRoot = (realPath) => {
    const relative = path.relative(root, realPath);
    return !relative.startsWith('..') && !path.isAbsolute(relative);
  };
  fs.stat(filePath, (error, stats) => {
    if (!error && stats.isDirectory()) {
      // Relative URLs in index.html resolve against the directory only with a trailing slash.
      if (!target.urlPath.endsWith('/')) {
        response.writeHead(301, { ...headers, Location: `${target.urlPath}/${target.query}` });
        response.end();
        return;
      }
      filePath = path.join(filePath, 'index.html');
      fs.stat(filePath, (indexError, indexStats) => sendFile(indexError, indexStats));
      return;
    }
    sendFile(error, stats);
  });

  function sendFile(error, stats) {
    if (error || !stats.isFile()) {
      sendText(response, 404, `Not found: ${target.urlPath}`, headers, isHead);
      return;
    }
    fs.realpath(filePath, (realError, realPath) => {
      if (realError) sendText(response, 404, `Not found: ${target.urlPath}`, headers, isHead);
      else if (!insideRoot(realPath)) sendText(response, 403, 'Forbidden', headers, isHead);
      else streamFile(stats);
    });
  }

  function streamFile(stats) {
    const type = CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? DEFAULT_CONTENT_TYPE;
    // no-cache means "ask first", and the ETag lets the answer be a bodiless 304, as static hosts
    // do: each of the threaded build's workers loads the build's script again, from the cache.
    const etag = `"${stats.size.toString(36)}-${Math.floor(stats.mtimeMs).toString(36)}"`;
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { ...headers, ETag: etag });
      response.end();
      return;
    }
    response.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': stats.size, ETag: etag });
    if (isHead) {
      response.end();
      return;
    }
    const stream = fs.createReadStream(filePath);
    stream.on('error', () => response.destroy());
    stream.pipe(response);
  }
}

export async function startServer({
  root, port = 8080, host = '127.0.0.1', isolation = true, blobScripts = false, verbose = false,
}) {
  if (!root) throw new Error('startServer: root is required');
  if (!fs.statSync(path.resolve(root), { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`startServer: ${path.resolve(root)} is not a directory`);
  }
  // The real path, so that links are judged against where the root really is.
  const absoluteRoot = fs.realpathSync(path.resolve(root));
  const server = http.createServer((request, response) =>
    handleRequest(absoluteRoot, isolation, blobScripts, verbose, request, response));
  // CONNECT never reaches the request handler: refuse it like any other method, not by hanging up.
  server.on('connect', (request, socket) => {
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const hostInUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${hostInUrl}:${address.port}/`;
  const close = () => new Promise((resolve) => {
    server.close(() => resolve());
    // Browsers keep connections alive; without this, close() waits for them to time out.
    server.closeAllConnections();
  });
  return { server, url, close };
}

function parseArguments(argv) {
  const options = { root: null, port: 8080, host: '127.0.0.1', isolation: true, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${argument} needs a value`);
      return argv[++i];
    };
    switch (argument) {
      case '--root': options.root = value(); break;
      case '--host': options.host = value(); break;
      case '--port': {
        const text = value();
        options.port = Number(text);
        if (!/^\d+$/.test(text) || options.port > 65535) throw new Error(`bad port: ${text}`);
        break;
      }
      case '--no-isolation': options.isolation = false; break;
      case '--verbose': options.verbose = true; break;
      default: throw new Error(`unknown option: ${argument}`);
    }
  }
  if (!options.root) throw new Error('--root DIR is required');
  return options;
}

async function main() {
  let options;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`serve.mjs: ${error.message}`);
    console.error('usage: node web/serve.mjs --root DIR [--port N] [--host 127.0.0.1] [--no-isolation] [--verbose]');
    process.exit(2);
  }
  let running;
  try {
    running = await startServer(options);
  } catch (error) {
    console.error(`serve.mjs: ${error.message}`);
    process.exit(1);
  }
  console.log(`Bottleneck at ${running.url} (cross-origin isolated: ${options.isolation ? 'yes' : 'no'})`);
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
