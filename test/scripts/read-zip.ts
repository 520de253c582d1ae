import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  data: Buffer;
}

/**
 * Reads every entry of a zip through its central directory, inflating and checking each
 * entry's CRC-32 — an independent reader for the writer in scripts/package.mjs.
 */
export function readZip(zip: Buffer): ZipEntry[] {
  const endOffset = zip.lastIndexOf(Buffer.from([ 0x50, 0x4b, 0x05, 0x06 ]));
  if (endOffset === -1) {
    throw new Error('no end of central directory record');
  }

  const count = zip.readUInt16LE(endOffset + 10);
  let offset = zip.readUInt32LE(endOffset + 16);
  const entries: ZipEntry[] = [];

  for (let index = 0; index < count; index++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) {
      throw new Error(`bad central directory header at ${ offset }`);
    }

    const method = zip.readUInt16LE(offset + 10);
    const crc = zip.readUInt32LE(offset + 16);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);

    if (zip.readUInt32LE(localOffset) !== 0x04034b50) {
      throw new Error(`bad local header for ${ name }`);
    }

    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const body = zip.subarray(dataStart, dataStart + compressedSize);
    const data = method === 8 ? zlib.inflateRawSync(body) : Buffer.from(body);

    if (data.length !== size || zlib.crc32(data) !== crc) {
      throw new Error(`corrupt entry ${ name }`);
    }

    entries.push({ name, method, data });
    offset += 46 + nameLength + extraLength + commentLength;
  }

  return entries;
}
