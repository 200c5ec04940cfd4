import { open } from 'node:fs/promises';
import { errorCode } from '../core/error-code.js';

export type ReadOutcome =
  | { kind: 'bytes'; bytes: Buffer }
  | { kind: 'too-large'; size: number }
  | { kind: 'error'; code: string };

/** Reads a whole file unless it is larger than `maxBytes`; the size check and the read use one descriptor. */
export async function readBounded(path: string, maxBytes: number): Promise<ReadOutcome> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    return { kind: 'error', code: errorCode(error) };
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) return { kind: 'too-large', size };
    return { kind: 'bytes', bytes: await handle.readFile() };
  } catch (error) {
    return { kind: 'error', code: errorCode(error) };
  } finally {
    await handle.close();
  }
}
