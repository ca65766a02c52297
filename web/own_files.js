// "Your images": the files a user drops on the page or picks, read for the app. Folders are
// walked and zips opened here; pictures are decoded by the browser; the app makes each one 28×28
// as MNIST's digits were and builds the data set (core/data/own_images.h), exactly as
// `bottleneck train --dataset folder` does, skipping with the reason what it cannot use.
//
//   const files = filesOfDrop(event.dataTransfer);  // in the drop event itself
//   await sendOwnFiles(app, files);                  // later: ownFilesBegin ... ownFilesDone

import { readZip } from './zip_reader.js';

// The pictures reach the app at most this many pixels a side: the conversion ends at 20, and a
// phone photo's 48 MB of pixels would not fit beside a model in the page's memory.
const LARGEST_SIDE = 1024;
// A CSV's text is copied into the page's memory whole (60,000 MNIST digits are 110 MB of CSV; the
// 20,000 images kept are about 36 MB of it).
const LARGEST_CSV = 64 * 1024 * 1024;
const LARGEST_ZIP = 1024 * 1024 * 1024;
// A PNG or JPEG this large is no picture of a digit; it is refused before it is read.
const LARGEST_PICTURE = 64 * 1024 * 1024;

const kindOf = (path) => (/\.(png|jpe?g)$/i.test(path) ? 'image' : /\.csv$/i.test(path) ? 'csv'
  : /\.zip$/i.test(path) ? 'zip' : null);
// Dot files, and the resource forks macOS puts in zips: not the user's images, and not worth a
// "skipped" each.
const isHidden = (path) => path.split('/').some((part) => part.startsWith('.') || part === '__MACOSX');

/** A file to read: its path (folders included) and how to get its bytes, or why it cannot be read. */
const fileEntry = (path, open, problem = null) => ({ path, open, problem });

/** The files of a picker's FileList (a folder's own when the picker chose a folder). */
export function filesOfList(list) {
  return [...list].map((file) => fileEntry(file.webkitRelativePath || file.name, async () => file));
}

/**
 * What a drop holds, taken while the drop event runs (its items cannot be read afterwards):
 * folder entries to walk later, and plain files.
 */
export function filesOfDrop(dataTransfer) {
  const roots = [];
  for (const item of dataTransfer?.items ?? []) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.() ?? null;
    const file = item.getAsFile();
    if (entry?.isDirectory) roots.push({ directory: entry });
    else if (file) roots.push(fileEntry(file.name, async () => file));
  }
  return roots;
}

const promised = (call) => new Promise((resolve, reject) => call(resolve, reject));

async function walk(directory, prefix, out) {
  const reader = directory.createReader();
  for (;;) {
    const batch = await promised((ok, fail) => reader.readEntries(ok, fail));
    if (!batch.length) return;
    for (const entry of batch) {
      const path = `${prefix}${entry.name}`;
      if (entry.isDirectory) await walk(entry, `${path}/`, out);
      else out.push(fileEntry(path, () => promised((ok, fail) => entry.file(ok, fail))));
    }
  }
}

// A zip's files, each inflated only when read, within web/zip_reader.js's limits; an entry that
// cannot be read keeps its reason, so the app names it.
async function zipFiles(zipPath, blob) {
  if (blob.size > LARGEST_ZIP) throw new Error('a zip over 1 GB');
  const limitOf = (path) => (kindOf(path) === 'csv' ? LARGEST_CSV : LARGEST_PICTURE);
  return readZip(new Uint8Array(await blob.arrayBuffer())).map((entry) => {
    const path = `${zipPath}/${entry.path}`;
    if (entry.problem) return fileEntry(path, null, entry.problem);
    return fileEntry(path, () => entry.open(limitOf(entry.path)));
  });
}

// RGBA pixels of a PNG or JPEG, at most LARGEST_SIDE a side. The app reads the header first
// (core/data/image_header.h): a damaged file, or one of more pixels than it takes, is refused
// before the browser decodes gigabytes of it.
async function decodePicture(app, blob) {
  if (blob.size > LARGEST_PICTURE) throw new Error('over 64 MB, too large to be one picture');
  const refusal = app.pictureRefusal(new Uint8Array(await blob.arrayBuffer()));
  if (refusal) throw new Error(refusal);
  let bitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch {
    throw new Error('not a readable PNG or JPEG image');
  }
  const scale = Math.min(1, LARGEST_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const { data } = context.getImageData(0, 0, width, height);
  return { width, height, pixels: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

// Every file to read: folders walked, zips opened, hidden files left out, in path order (as the
// CLI sorts a folder's), so the same files make the same data set and split.
async function expand(roots) {
  const files = [];
  for (const root of roots) {
    if (root.directory) await walk(root.directory, `${root.directory.name}/`, files);
    else files.push(root);
  }
  const out = [];
  for (const file of files) {
    if (isHidden(file.path)) continue;
    if (kindOf(file.path) !== 'zip') {
      out.push(file);
      continue;
    }
    try {
      out.push(...(await zipFiles(file.path, await file.open())).filter((inner) => !isHidden(inner.path)));
    } catch (error) {
      out.push(fileEntry(file.path, null, error.message));
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Hands the files to the app, one call each, and has it build "yours" and train on it. */
export async function sendOwnFiles(app, roots) {
  const files = await expand(roots);
  app.ownFilesBegin();
  for (const file of files) {
    const kind = kindOf(file.path);
    try {
      if (file.problem) throw new Error(file.problem);
      if (!kind || kind === 'zip') throw new Error('not a PNG, JPEG or CSV file');
      const blob = await file.open();
      if (kind === 'csv') {
        if (blob.size > LARGEST_CSV) throw new Error('a CSV over 64 MB: split it, or use the CLI');
        app.ownCsv(file.path, await blob.text());
      } else {
        const { width, height, pixels } = await decodePicture(app, blob);
        app.ownImage(file.path, width, height, 4, pixels);
      }
    } catch (error) {
      // A C++ exception arrives as a bare number: in this code that is the page running out of memory.
      app.ownFileSkipped(file.path, error instanceof Error ? error.message : 'not enough memory to read it');
    }
  }
  app.ownFilesDone();
}
