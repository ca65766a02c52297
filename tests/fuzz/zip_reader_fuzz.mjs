// The page's zip reader (web/zip_reader.js) fuzzed for a number of seconds: zips of our own
// (tests/support/zip.mjs) mutated byte by byte, cut short, and with directory fields rewritten.
// Anything but a ZipError, or an entry that opens to more than its limit, is a crash: the input is
// written to <crash dir> and the run fails. Prints one JSON line: executions and crashes.
//
//   node tests/fuzz/zip_reader_fuzz.mjs <seconds> <crash dir>

import fs from 'node:fs';
import path from 'node:path';
import { readZip, ZipError } from '../../web/zip_reader.js';
import { overlappingZip } from '../support/hostile.mjs';
import { encodeZip } from '../support/zip.mjs';

const seconds = Number(process.argv[2] ?? 60);
const crashDir = process.argv[3] ?? 'zip-crashes';
const LIMIT = 1 << 20;

const seeds = [
  encodeZip([{ name: 'a.csv', bytes: Buffer.from('1,2,3\n'.repeat(40)) },
    { name: 'd/b.png', bytes: Buffer.alloc(99, 7), store: true }]),
  encodeZip([{ name: '../x.csv', bytes: Buffer.from('9') }, { name: 'dir/', bytes: Buffer.alloc(0), store: true }]),
  overlappingZip(2),
];

let state = Date.now() >>> 0;
const random = () => ((state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32);
const pick = (n) => Math.floor(random() * n);

function mutate(seed) {
  const bytes = Buffer.from(seed);
  const rounds = 1 + pick(8);
  for (let r = 0; r < rounds; r++) {
    const at = pick(bytes.length);
    switch (pick(4)) {
      case 0: bytes[at] = pick(256); break;
      case 1: bytes[at] ^= 1 << pick(8); break;
      case 2:
        if (at + 4 <= bytes.length) bytes.writeUInt32LE([0, 1, 0xffff, 0xffffffff, pick(2 ** 32)][pick(5)], at);
        break;
      default: if (at + 2 <= bytes.length) bytes.writeUInt16LE([0, 0xffff, pick(65536)][pick(3)], at);
    }
  }
  return random() < 0.1 ? bytes.subarray(0, pick(bytes.length + 1)) : bytes;
}

async function runOne(bytes) {
  let entries;
  try {
    entries = readZip(new Uint8Array(bytes));
  } catch (error) {
    if (error instanceof ZipError) return;
    throw error;
  }
  for (const entry of entries) {
    try {
      const blob = await entry.open(LIMIT);
      if (blob.size > LIMIT) throw new Error(`an entry opened to ${blob.size} bytes, over its limit`);
    } catch (error) {
      if (!(error instanceof ZipError)) throw error;
    }
  }
}

const deadline = Date.now() + seconds * 1000;
let executions = 0;
let crashes = 0;
while (Date.now() < deadline) {
  const input = mutate(seeds[pick(seeds.length)]);
  executions += 1;
  try {
    await runOne(input);
  } catch (error) {
    crashes += 1;
    fs.mkdirSync(crashDir, { recursive: true });
    const file = path.join(crashDir, `crash-${executions}.zip`);
    fs.writeFileSync(file, input);
    console.error(`zip_reader: ${error.stack ?? error} (input: ${file})`);
  }
}
console.log(JSON.stringify({ target: 'zip_reader', seconds, executions, crashes }));
process.exit(crashes ? 1 : 0);
