// Bottleneck's compact data set file, as src/core/data/dataset.cpp reads it (little-endian):
//   "BNDS" | u32 version=1 | u32 count | u32 rows | u32 cols | count*rows*cols pixels | count labels

/** The bytes of a .bnds file of `labels.length` images of rows x cols `pixels` (bytes, row-major). */
export function encodeBnds(pixels, labels, rows, cols) {
  const count = labels.length;
  if (pixels.length !== count * rows * cols) throw new Error('encodeBnds: pixel count mismatch');
  const header = Buffer.alloc(20);
  header.write('BNDS', 0, 'ascii');
  header.writeUInt32LE(1, 4);
  header.writeUInt32LE(count, 8);
  header.writeUInt32LE(rows, 12);
  header.writeUInt32LE(cols, 16);
  return Buffer.concat([header, Buffer.from(pixels), Buffer.from(labels)]);
}
