// Where a training step's time goes in headless Chromium, for `./build.sh bench --profile`: the
// bench page trains one model (&profile=ae32) on the mt build with every thread, on one thread,
// and on the st build, while V8's sampling profiler runs in the bench worker and in each of its
// pthreads. The bench modules keep their function names (--profiling-funcs), so the profile
// names the core's own functions.
//
// Prints one JSON object: for each variant the rate measured while profiling (the profiler slows
// it) and, for each thread, how much of the time it was busy and the functions that took the most
// (self time, as a fraction of the thread's profiled time). Writes each thread's .cpuprofile, for
// Chromium's DevTools, beside it.
//
//   BOTTLENECK_WEB=build/bench-web node tests/bench/browser_profile.mjs OUT_DIR [--model ae32] [--steps 200]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withBenchPage } from './bench_page.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const outDir = args[0];
if (!outDir || outDir.startsWith('--')) {
  console.error('usage: browser_profile.mjs OUT_DIR [--model ae32|vae16|conv] [--steps N]');
  process.exit(2);
}
const model = option('--model', 'ae32');
const steps = Number(option('--steps', 200));
const allThreads = Math.min(os.availableParallelism?.() ?? os.cpus().length, 8);
const TOP_FUNCTIONS = 12;
// A sampling interval fine enough for a step of a few milliseconds, coarse enough that the
// profiler does not swamp it.
const SAMPLING_INTERVAL_US = 200;

// Chromium's DevTools protocol without flattened sessions: a worker's pthreads are targets of the
// worker's session, so every message to them goes wrapped in one Target.sendMessageToTarget per
// session above it, and their replies come back wrapped the same way.
class TargetTree {
  constructor(cdp) {
    this.cdp = cdp;
    this.sessions = [];
    this.pending = new Map();
    this.nextId = 1;
    cdp.on('Target.attachedToTarget', (params) => this.attached(params, null));
    cdp.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => {
      this.received(this.find(sessionId), message);
    });
  }

  find(sessionId) {
    return this.sessions.find((session) => session.sessionId === sessionId);
  }

  async start() {
    await this.cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  }

  attached({ sessionId, targetInfo }, parent) {
    const session = { sessionId, parent, type: targetInfo.type, url: targetInfo.url };
    this.sessions.push(session);
    // Its own workers (the pthreads a module starts) attach under it.
    this.send(session, 'Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false })
      .catch(() => {});
  }

  received(session, message) {
    const parsed = JSON.parse(message);
    if (parsed.id && this.pending.has(parsed.id)) {
      const { resolve, reject } = this.pending.get(parsed.id);
      this.pending.delete(parsed.id);
      if (parsed.error) reject(new Error(`${parsed.error.message} (${session.type} ${session.url})`));
      else resolve(parsed.result);
    } else if (parsed.method === 'Target.attachedToTarget') {
      this.attached(parsed.params, session);
    } else if (parsed.method === 'Target.receivedMessageFromTarget') {
      this.received(this.find(parsed.params.sessionId), parsed.params.message);
    }
  }

  send(session, method, params = {}) {
    const id = this.nextId++;
    let message = JSON.stringify({ id, method, params });
    let target = session;
    for (; target.parent; target = target.parent) {
      message = JSON.stringify({ id: this.nextId++, method: 'Target.sendMessageToTarget',
                                 params: { sessionId: target.sessionId, message } });
    }
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.cdp.send('Target.sendMessageToTarget', { sessionId: target.sessionId, message }).catch(reject);
    });
  }
}

// A C++ name without its argument and template lists, and a lambda run through std::function
// named after the function it is in: "bn::packed_gemm()::$_1" rather than 300 characters of
// std::__2::__function::__func<bn::packed_gemm(Eigen::Map<...>, ...)::$_1, ...>::operator()(int&&).
function shortName(name) {
  if (name.startsWith('(')) return name;  // V8's own: (idle), (program), (garbage collector)
  const wrapped = /^std::__2::__function::__func<(.*)>::operator\(\)/.exec(name);
  let out = (wrapped ? wrapped[1] : name).replaceAll('(anonymous namespace)', '{anonymous}');
  // parallel_for_ranges (thread_pool.h) runs a body inlined into its own lambda: name the body.
  const ranges = /^void bn::parallel_for_ranges<(.*)$/.exec(out);
  if (ranges) {
    let depth = 1;
    let end = 0;
    while (end < ranges[1].length && depth > 0) {
      if (ranges[1][end] === '<') ++depth;
      if (ranges[1][end] === '>') --depth;
      ++end;
    }
    return shortName(ranges[1].slice(0, end - 1));
  }
  for (const [open, close] of [['(', ')'], ['<', '>']]) {
    let result = '';
    let depth = 0;
    for (const c of out) {
      if (c === open) {
        if (depth++ === 0) result += open;
      } else if (c === close && depth > 0) {
        if (--depth === 0) result += close;
      } else if (depth === 0) {
        result += c;
      }
    }
    out = result;
  }
  // The lambda's own template arguments followed it: keep "f()::$_1", drop ", std::allocator<>, void ()".
  return out.replace(/(::\$_\d+).*$/, '$1 (lambda)').replaceAll('{anonymous}::', '');
}

// Self time by function, as fractions of the profile's duration.
function summarise(profile) {
  const nameOf = new Map(
    profile.nodes.map((node) => [node.id, shortName(node.callFrame.functionName || '(anonymous)')]),
  );
  const selfTime = new Map();
  let total = 0;
  profile.samples.forEach((nodeId, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    const name = nameOf.get(nodeId);
    selfTime.set(name, (selfTime.get(name) ?? 0) + delta);
    total += delta;
  });
  const idle = ['(idle)', '(program)'].reduce((sum, name) => sum + (selfTime.get(name) ?? 0), 0);
  const top = [...selfTime.entries()]
    .filter(([name]) => name !== '(idle)' && name !== '(program)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP_FUNCTIONS)
    .map(([name, time]) => ({ function: name, fraction: time / total }));
  return { profiled_ms: total / 1000, busy_fraction: total > 0 ? 1 - idle / total : 0, top };
}

async function profileVariant(name, build, threads) {
  return withBenchPage(build, async (page, errors, url) => {
    const tree = new TargetTree(await page.context().newCDPSession(page));
    await tree.start();
    await page.goto(`${url}bench.html?build=${build}&threads=${threads}&profile=${model}&steps=${steps}`);
    await page.waitForFunction(() => window.benchReady || window.benchResult, null, { timeout: 300_000 });
    const early = await page.evaluate(() => window.benchResult);
    if (early?.error || errors.length) throw new Error(`${name}: ${early?.error ?? errors.join('; ')}`);
    // Every worker has attached by now: the warm-up ran on all of them.
    const workers = tree.sessions.filter((session) => session.type === 'worker');
    for (const session of workers) {
      await tree.send(session, 'Profiler.enable');
      await tree.send(session, 'Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
      await tree.send(session, 'Profiler.start');
    }
    await page.evaluate(() => window.startProfiledRun());
    await page.waitForFunction(() => window.benchResult !== undefined, null, { timeout: 300_000 });
    const result = await page.evaluate(() => window.benchResult);
    if (result.error) throw new Error(`${name}: ${result.error}`);
    const threadsOut = [];
    for (const [i, session] of workers.entries()) {
      const { profile } = await tree.send(session, 'Profiler.stop');
      // The bench worker is the one the page started; the others are its pthreads.
      const role = session.parent ? `pthread ${i}` : 'bench worker (the caller)';
      fs.writeFileSync(path.join(outDir, `${name}.${i}.cpuprofile`), JSON.stringify(profile));
      threadsOut.push({ thread: role, ...summarise(profile) });
    }
    return {
      build,
      threads,
      model,
      train_samples_per_s_while_profiled: result.train_samples_per_s,
      // Threads that slept through the run (pthreads the pool did not start) are left out.
      threads_profiled: threadsOut.filter((thread) => thread.busy_fraction > 0.02),
    };
  });
}

fs.mkdirSync(outDir, { recursive: true });
const result = {
  model,
  steps,
  mt: await profileVariant('mt', 'mt', allThreads),
  mt_1thread: await profileVariant('mt_1thread', 'mt', 1),
  st: await profileVariant('st', 'st', 1),
};
for (const [name, variant] of Object.entries(result)) {
  if (typeof variant !== 'object') continue;
  console.error(`\n${name}: ${variant.train_samples_per_s_while_profiled.median.toFixed(0)} samples/s while profiled`);
  for (const thread of variant.threads_profiled) {
    const busy = (100 * thread.busy_fraction).toFixed(1);
    console.error(`  ${thread.thread}: busy ${busy}% of ${thread.profiled_ms.toFixed(0)} ms`);
    for (const { function: fn, fraction } of thread.top) {
      console.error(`    ${(100 * fraction).toFixed(1).padStart(5)}%  ${fn}`);
    }
  }
}
console.log(JSON.stringify(result, null, 1));
