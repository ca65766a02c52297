// Reads a zip's entries for "Your images", as unzip does: the central directory at the end of the
// archive, then each entry's local header and data when it is opened. Stored and deflated entries;
// no encryption, no ZIP64, no spanning. Runs in the page and in node (tests/web/zip_reader.test.mjs).
//
//   const entries = readZip(bytes);          // throws ZipError for a zip it cannot open at all
//   for (const entry of entries) {
//     if (entry.problem) skip(entry.path, entry.problem);             // e.g. "a path that leaves the zip"
//     else use(entry.path, await entry.open(sizeLimit));               // a Blob, at most sizeLimit bytes
//   }
//
// A zip is outside bytes, and a small one can claim anything. Before a byte is inflated:
//   - at most LIMITS.entries entries (a zip of 65,535 tiny entries is minutes of work for nothing);
//   - every entry's data lies inside the archive, after its own local header, and no two entries
//     share bytes: overlapping entries are how a 61 KB zip makes gigabytes;
//   - the sizes the directory declares add up to at most LIMITS.totalInflated bytes.
// While inflating, an entry is stopped at its declared size (and at the caller's limit): a deflate
// stream that yields more than its entry declared is damaged, whatever it says.

export const LIMITS = Object.freeze({
  entries: 20000,                       // kMaxOwnImages in src/core/data/own_images.h
  totalInflated: 1024 * 1024 * 1024,    // 1 GB, all entries together
});

export class ZipError extends Error {}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;

function endOfDirectory(bytes, view) {
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === END_OF_DIRECTORY) return i;
  }
  throw new ZipError('not a zip file (no central directory at its end)');
}

// A path inside the zip that stays there: no absolute paths, drive letters or `..` segments.
function pathProblem(name) {
  if (name.includes('\0')) return 'a name with a NUL byte in it';
  const parts = name.replace(/\\/g, '/').split('/');
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || parts.includes('..')) return 'a path that leaves the zip';
  return null;
}

/** A stream's bytes as a Blob, refusing (with `tooLarge`) a stream that yields more than `most`. */
async function collect(stream, most, tooLarge) {
  const reader = stream.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return new Blob(chunks);
    total += value.length;
    if (total > most) {
      await reader.cancel();
      throw new ZipError(tooLarge);
    }
    chunks.push(value);
  }
}

/** The entries of the zip in `bytes` (a Uint8Array), each { path, size, problem, open(limit) }. */
export function readZip(bytes, limits = LIMITS) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = endOfDirectory(bytes, view);
  const count = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  let at = view.getUint32(end + 16, true);
  if (count === 0xffff || at === 0xffffffff || directorySize === 0xffffffff) {
    throw new ZipError('a ZIP64 archive, which the page cannot open (zip it again without ZIP64)');
  }
  if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 6, true) !== 0) {
    throw new ZipError('one part of a split zip, which the page cannot open');
  }
  if (count > limits.entries) {
    const most = limits.entries.toLocaleString('en');
    throw new ZipError(`${count.toLocaleString('en')} entries, more than the ${most} a zip may hold here`);
  }
  const names = new TextDecoder();
  const entries = [];
  let declaredTotal = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL_HEADER) {
      throw new ZipError('a damaged zip file (its central directory is cut short)');
    }
    const nameLength = view.getUint16(at + 28, true);
    const next = at + 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (next > end) throw new ZipError('a damaged zip file (its central directory is cut short)');
    const entry = {
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      packedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      local: view.getUint32(at + 42, true),
      name: names.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
    };
    at = next;
    if (entry.name.endsWith('/')) continue;  // a folder
    if (entry.packedSize === 0xffffffff || entry.size === 0xffffffff || entry.local === 0xffffffff) {
      throw new ZipError('a ZIP64 archive, which the page cannot open (zip it again without ZIP64)');
    }
    declaredTotal += entry.size;
    entries.push(entry);
  }
  if (declaredTotal > limits.totalInflated) {
    const megabytes = (count) => Math.round(count / 2 ** 20).toLocaleString('en');
    throw new ZipError(`its files would unpack to ${megabytes(declaredTotal)} MB, more than the `
      + `${megabytes(limits.totalInflated)} MB a zip may unpack to here`);
  }
  // Where each entry's data lies, checked against the archive and against every other entry.
  for (const entry of entries) {
    const { local } = entry;
    if (local + 30 > end || view.getUint32(local, true) !== LOCAL_HEADER) {
      entry.damage = 'damaged in its zip (no local header where the directory says)';
      continue;
    }
    entry.start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (entry.start + entry.packedSize > end) entry.damage = 'damaged in its zip (its data runs past the archive)';
  }
  const placed = entries.filter((entry) => !entry.damage).sort((a, b) => a.local - b.local);
  for (let i = 1; i < placed.length; i++) {
    if (placed[i].local < placed[i - 1].start + placed[i - 1].packedSize) {
      throw new ZipError('a damaged or hostile zip file: two of its entries share the same bytes');
    }
  }
  return entries.map((entry) => {
    const problem = pathProblem(entry.name) ?? (entry.flags & 1 ? 'encrypted in its zip'
      : entry.method !== 0 && entry.method !== 8 ? `compressed with method ${entry.method}, which the page cannot open`
        : entry.damage ?? null);
    return {
      path: entry.name,
      size: entry.size,
      problem,
      open: async (limit = Infinity) => {
        if (problem) throw new ZipError(problem);
        if (entry.size > limit) throw new ZipError(`${Math.round(entry.size / 2 ** 20)} MB unpacked, too large`);
        const packed = new Blob([bytes.subarray(entry.start, entry.start + entry.packedSize)]);
        if (entry.method === 0) {
          if (entry.packedSize !== entry.size) throw new ZipError('damaged in its zip (stored at the wrong size)');
          return packed;
        }
        const inflated = packed.stream().pipeThrough(new DecompressionStream('deflate-raw'));
        let blob;
        try {
          blob = await collect(inflated, entry.size, 'damaged in its zip (it unpacks to more than it says)');
        } catch (error) {
          if (error instanceof ZipError) throw error;
          throw new ZipError('damaged in its zip (its compressed data is broken)');
        }
        if (blob.size !== entry.size) throw new ZipError('damaged in its zip (it unpacks to less than it says)');
        return blob;
      },
    };
  });
}
