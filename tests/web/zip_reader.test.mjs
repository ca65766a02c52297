// The page's zip reader (web/zip_reader.js) against hostile zips (issue 29): overlapping entries,
// tens of thousands of entries, an entry that inflates far past what it declares, ZIP64, damage
// and paths that leave the zip. Each is refused before inflating, or stopped while inflating,
// with its reason; and a short fuzz loop of mutated zips never throws anything but a ZipError.

import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { describe, test } from 'node:test';
import { LIMITS, readZip, ZipError } from '../../web/zip_reader.js';
import { overlappingZip } from '../support/hostile.mjs';
import { encodeZip } from '../support/zip.mjs';

const bytesOf = (buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
const text = async (blob) => Buffer.from(await blob.arrayBuffer()).toString('utf8');

// An entry whose directory says 10 bytes, and whose data inflates to 64 MB.
function lyingZip() {
  const zip = encodeZip([{ name: 'big.csv', bytes: Buffer.alloc(64 << 20, 0x31) }]);
  const directoryAt = zip.readUInt32LE(zip.length - 22 + 16);
  zip.writeUInt32LE(10, directoryAt + 24);
  return zip;
}

describe('web/zip_reader.js', () => {
  test('reads stored and deflated entries, and skips folders', async () => {
    const zip = encodeZip([
      { name: 'digits/', bytes: Buffer.alloc(0), store: true },
      { name: 'digits/a.csv', bytes: Buffer.from('1,2,3') },
      { name: 'b.csv', bytes: Buffer.from('4,5'), store: true },
    ]);
    const entries = readZip(bytesOf(zip));
    assert.deepEqual(entries.map((e) => e.path), ['digits/a.csv', 'b.csv']);
    assert.equal(await text(await entries[0].open()), '1,2,3');
    assert.equal(await text(await entries[1].open()), '4,5');
  });

  test('refuses overlapping entries before inflating any', () => {
    const started = Date.now();
    assert.throws(() => readZip(bytesOf(overlappingZip(8))), /share the same bytes/);
    assert.throws(() => readZip(bytesOf(overlappingZip(65534))), /more than the 20,000/);
    assert.ok(Date.now() - started < 5000);
  });

  test('refuses more entries than the limit, and more declared bytes than the limit', () => {
    const files = [];
    for (let i = 0; i < 30; i++) files.push({ name: `${i}.csv`, bytes: Buffer.alloc(100, 0x32) });
    const zip = bytesOf(encodeZip(files));
    assert.throws(() => readZip(zip, { ...LIMITS, entries: 29 }), /30 entries, more than the 29/);
    assert.throws(() => readZip(zip, { ...LIMITS, totalInflated: 2999 }), /would unpack to/);
    assert.equal(readZip(zip).length, 30);
  });

  test('stops an entry that inflates past its declared size, and one past the caller\'s limit', async () => {
    const [entry] = readZip(bytesOf(lyingZip()));
    await assert.rejects(entry.open(), /unpacks to more than it says/);
    const honest = readZip(bytesOf(encodeZip([{ name: 'big.csv', bytes: Buffer.alloc(8 << 20, 0x31) }])));
    await assert.rejects(honest[0].open(1 << 20), /too large/);
  });

  test('names what it cannot open: ZIP64, damage, encryption, paths out of the zip', async () => {
    const zip = encodeZip([{ name: 'a.csv', bytes: Buffer.from('1') }]);
    const zip64 = Buffer.from(zip);
    zip64.writeUInt32LE(0xffffffff, zip64.length - 22 + 16);
    assert.throws(() => readZip(bytesOf(zip64)), /ZIP64/);
    assert.throws(() => readZip(bytesOf(zip.subarray(0, zip.length - 30))), ZipError);
    assert.throws(() => readZip(new Uint8Array(100)), /not a zip file/);
    const escaping = readZip(bytesOf(encodeZip([
      { name: '../../etc/a.csv', bytes: Buffer.from('1') }, { name: '/abs.csv', bytes: Buffer.from('1') },
      { name: 'C:/x.csv', bytes: Buffer.from('1') }, { name: 'ok/../../b.csv', bytes: Buffer.from('1') }])));
    assert.equal(escaping.length, 4);
    for (const entry of escaping) {
      assert.equal(entry.problem, 'a path that leaves the zip');
      await assert.rejects(entry.open(), /leaves the zip/);
    }
    const encrypted = Buffer.from(zip);
    encrypted.writeUInt16LE(1, encrypted.readUInt32LE(encrypted.length - 22 + 16) + 8);
    assert.equal(readZip(bytesOf(encrypted))[0].problem, 'encrypted in its zip');
    const broken = Buffer.from(zip);
    broken[30 + 'a.csv'.length] ^= 0xff;  // the deflate stream's first byte
    const [entry] = readZip(bytesOf(broken));
    await assert.rejects(entry.open(), ZipError);
  });

  // Bounded: a fixed seed and a fixed count, so it always ends and always runs the same inputs.
  test('a fuzz loop of mutated zips throws only ZipErrors, and never hangs', async () => {
    let seed = 29;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const base = encodeZip([
      { name: 'a.csv', bytes: Buffer.from('1,2,3\n'.repeat(50)) },
      { name: 'b/c.png', bytes: zlib.deflateSync(Buffer.alloc(300, 7)), store: true },
    ]);
    for (let round = 0; round < 3000; round++) {
      const mutated = Buffer.from(base);
      const flips = 1 + Math.floor(random() * 6);
      for (let i = 0; i < flips; i++) mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
      const cut = random() < 0.1 ? Math.floor(random() * mutated.length) : mutated.length;
      let entries;
      try {
        entries = readZip(bytesOf(mutated.subarray(0, cut)));
      } catch (error) {
        assert.ok(error instanceof ZipError, `round ${round}: ${error}`);
        continue;
      }
      for (const entry of entries) {
        try {
          const blob = await entry.open(1 << 20);
          assert.ok(blob.size <= 1 << 20);
        } catch (error) {
          assert.ok(error instanceof ZipError, `round ${round}: ${error}`);
        }
      }
    }
  });
});
