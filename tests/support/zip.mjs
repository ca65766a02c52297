// Writes zip archives for the tests that drop a zip of pictures on the page: local headers, the
// data (deflated or stored), then the central directory and its end record, as PKZIP 2.0 lays
// them out.

import zlib from 'node:zlib';
import { crc32 } from './png.mjs';

/** A zip of `files` ({ name, bytes, store }): deflated unless `store`. */
export function encodeZip(files) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const { name, bytes, store = false } of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = store ? Buffer.from(bytes) : zlib.deflateRawSync(bytes);
    const fields = (header, at) => {
      header.writeUInt16LE(20, at);                  // version needed
      header.writeUInt16LE(0, at + 2);               // flags
      header.writeUInt16LE(store ? 0 : 8, at + 4);   // method
      header.writeUInt32LE(0, at + 6);               // time and date
      header.writeUInt32LE(crc32(bytes), at + 10);
      header.writeUInt32LE(data.length, at + 14);
      header.writeUInt32LE(bytes.length, at + 18);
      header.writeUInt16LE(nameBytes.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 4);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);                      // version made by
    fields(entry, 6);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    central.push(entry, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
