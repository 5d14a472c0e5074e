/** The one PNG fact packaging needs without decoding: the size in the IHDR chunk. */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height of a PNG. */
export interface PngSize {
  readonly width: number;
  readonly height: number;
}

/** Reads a PNG's size from its header; undefined when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): PngSize | undefined {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(SIGNATURE)) return undefined;
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
