// The development server (web/serve.mjs) serves its root and nothing else, whatever the request
// looks like, and keeps answering under a burst of concurrent requests. Raw HTTP requests, so that
// no client normalises a `..` away before the server sees it.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startServer } from '../../web/serve.mjs';

const SECRET = 'the secret outside the root';

function request(url, { method = 'GET', target = '/' } = {}) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method, path: target, agent: false }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers,
        body: Buffer.concat(chunks).toString('utf8') }));
    });
    // The answer to a CONNECT comes as a 'connect' event, whatever its status.
    req.on('connect', (response, socket) => {
      socket.destroy();
      resolve({ status: response.statusCode, headers: response.headers, body: '' });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web/serve.mjs', () => {
  let dir;
  let server;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-serve-'));
    const root = path.join(dir, 'root');
    fs.mkdirSync(path.join(root, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<p>page</p>');
    fs.writeFileSync(path.join(root, 'sub', 'inside.txt'), 'inside');
    fs.writeFileSync(path.join(dir, 'secret.txt'), SECRET);
    fs.mkdirSync(path.join(dir, 'outside'));
    fs.writeFileSync(path.join(dir, 'outside', 'index.html'), SECRET);
    fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'leak.txt'));
    fs.symlinkSync(path.join(dir, 'outside'), path.join(root, 'leakdir'));
    fs.symlinkSync(path.join(root, 'sub', 'inside.txt'), path.join(root, 'alias.txt'));
    server = await startServer({ root, port: 0, isolation: true });
  });
  after(async () => {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('serves the root with the isolation and CSP headers', async () => {
    const page = await request(server.url, { target: '/' });
    assert.equal(page.status, 200);
    assert.equal(page.body, '<p>page</p>');
    assert.equal(page.headers['cross-origin-opener-policy'], 'same-origin');
    assert.equal(page.headers['cross-origin-embedder-policy'], 'require-corp');
    assert.match(page.headers['content-security-policy'], /default-src 'self'/);
    assert.equal((await request(server.url, { target: '/sub/inside.txt' })).body, 'inside');
  });

  test('refuses every spelling of a way out of the root', async () => {
    const targets = ['/../secret.txt', '/sub/../../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E/secret.txt',
      '/..%2fsecret.txt', '/sub%2f..%2f..%2fsecret.txt', '/..\\secret.txt', '/sub\\..\\..\\secret.txt',
      '/%5c..%5csecret.txt', '/secret.txt%00.html', '/%00', '/%zz', '//etc/passwd', '/..'];
    for (const target of targets) {
      const { status, body } = await request(server.url, { target });
      assert.ok([400, 403, 404].includes(status), `${target}: status ${status}`);
      assert.ok(!body.includes(SECRET), `${target} leaked the file outside the root`);
    }
    assert.equal((await request(server.url, { target: '/%00' })).status, 400);
    assert.equal((await request(server.url, { target: '/%2e%2e/secret.txt' })).status, 403);
  });

  // Issue 29: `//evil.example/x%2F..%2F..%2Fsub` was answered with `301 Location: //evil.example/...`,
  // which a browser follows to the other host; `/x/%2e%2e/index.html` was served.
  test('never redirects to another host, and refuses a dot segment even where it would stay inside', async () => {
    const targets = ['//evil.example/x%2F..%2F..%2Fsub', '//evil.example/sub', '///evil.example/sub',
      '/x/%2e%2e/index.html', '/sub/./inside.txt', '/sub/%2e/inside.txt', '/x%2F..%2Fsub', '/sub%5c'];
    for (const target of targets) {
      const { status, headers } = await request(server.url, { target });
      assert.ok([400, 403].includes(status), `${target}: status ${status}`);
      assert.equal(headers.location, undefined, `${target} redirected to ${headers.location}`);
    }
    const redirect = await request(server.url, { target: '/sub?x=1' });
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.location, '/sub/?x=1');
  });

  test('does not follow a symbolic link out of the root, but does follow one inside it', async () => {
    const file = await request(server.url, { target: '/leak.txt' });
    assert.equal(file.status, 403);
    assert.ok(!file.body.includes(SECRET));
    const directory = await request(server.url, { target: '/leakdir/' });
    assert.equal(directory.status, 403);
    assert.ok(!directory.body.includes(SECRET));
    assert.equal((await request(server.url, { target: '/alias.txt' })).body, 'inside');
  });

  test('answers only GET and HEAD', async () => {
    const head = await request(server.url, { method: 'HEAD', target: '/' });
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'CONNECT']) {
      const { status, headers } = await request(server.url, { method, target: method === 'CONNECT' ? 'x:1' : '/' });
      assert.equal(status, 405, `${method} answered ${status}`);
      assert.equal(headers.allow, 'GET, HEAD');
    }
  });

  test('survives a thousand concurrent requests on loopback', async () => {
    const kinds = ['/../secret.txt', '/', '/nope'];  // refused, served, missing
    const targets = Array.from({ length: 1000 }, (_, i) => kinds[i % 3]);
    const started = Date.now();
    const answers = await Promise.all(targets.map((target) => request(server.url, { target })));
    const counts = {};
    for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
    assert.deepEqual(counts, { 200: 333, 403: 334, 404: 333 });
    assert.ok(Date.now() - started < 60_000);
    assert.equal((await request(server.url, { target: '/' })).status, 200, 'the server stopped answering');
  });
});
