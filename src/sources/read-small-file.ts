import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { errorCode } from '../core/error-code.js';

/** Why a file given as input could not be used; `missing` lets callers treat an absent optional file as none. */
export class InputFileError extends Error {
  override name = 'InputFileError';
  constructor(
    message: string,
    readonly reason: 'missing' | 'not-a-file' | 'too-large' | 'unreadable',
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * The whole text of a regular file of at most `maxBytes`, or a typed error. Input files can come from a
 * hostile repository (a committed .keysweepignore) or be named by a crafted report: a FIFO must not hang
 * the run (O_NONBLOCK, then fstat), a device such as /dev/zero must not be read without end, and a huge
 * file must be refused by its size before a byte of it is read.
 */
export async function readSmallFile(path: string, maxBytes: number, what: string): Promise<string> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = errorCode(error);
    const missing = code === 'ENOENT' || code === 'ENOTDIR';
    throw new InputFileError(`cannot read ${what} ${path}: ${code}`, missing ? 'missing' : 'unreadable', { cause: error });
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new InputFileError(`${what} ${path} is not a regular file`, 'not-a-file');
    if (info.size > maxBytes) throw new InputFileError(`${what} ${path} is ${info.size} bytes, over the ${maxBytes}-byte limit; not reading it`, 'too-large');
    // Read one byte past the limit: a file that grows while it is read is still caught.
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, info.size + 1));
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buffer.length) {
        if (filled > maxBytes) throw new InputFileError(`${what} ${path} grew past the ${maxBytes}-byte limit while being read`, 'too-large');
        break;
      }
    }
    return buffer.subarray(0, filled).toString('utf8');
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    throw new InputFileError(`cannot read ${what} ${path}: ${errorCode(error)}`, 'unreadable', { cause: error });
  } finally {
    await handle.close();
  }
}
