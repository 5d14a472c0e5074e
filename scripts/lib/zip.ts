/** Writes a zip with yazl: entries at the root, fixed dates, so one input gives the same bytes. */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/** A file to put in the zip. */
export interface ZipEntry {
  readonly name: string;
  readonly bytes: Buffer;
}

/** Entries' date: a constant keeps the package reproducible. */
const FIXED_DATE = new Date(2020, 0, 1);

/** Writes `entries` to `file` (its folder is created). */
export async function writeZip(file: string, entries: readonly ZipEntry[]): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const zip = new ZipFile();
  for (const entry of entries) zip.addBuffer(entry.bytes, entry.name, { mtime: FIXED_DATE, mode: 0o100644 });
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(file));
}
