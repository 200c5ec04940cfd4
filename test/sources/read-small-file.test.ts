import { execFileSync } from 'node:child_process';
import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputFileError, readSmallFile } from '../../src/sources/read-small-file.js';
import { tempDir } from '../helpers/temp-dir.js';

async function failure(promise: Promise<unknown>): Promise<InputFileError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(InputFileError);
  return error as InputFileError;
}

describe('reading an input file that may be hostile', () => {
  it('reads a regular file up to the limit, refuses one a byte over by its size, and says why', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'ok'), 'x'.repeat(100));
    await writeFile(join(dir, 'over'), 'x'.repeat(101));
    expect(await readSmallFile(join(dir, 'ok'), 100, 'baseline')).toBe('x'.repeat(100));
    const over = await failure(readSmallFile(join(dir, 'over'), 100, 'baseline'));
    expect(over.reason).toBe('too-large');
    expect(over.message).toBe(`baseline ${join(dir, 'over')} is 101 bytes, over the 100-byte limit; not reading it`);
  });

  it('devices, FIFOs and directories are not files; a missing file says so', async () => {
    const dir = await tempDir();
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    await symlink('/dev/zero', join(dir, 'zero'));
    for (const path of ['/dev/zero', join(dir, 'zero'), join(dir, 'fifo'), dir]) {
      expect((await failure(readSmallFile(path, 1 << 20, 'report'))).reason, path).toBe('not-a-file');
    }
    expect((await failure(readSmallFile(join(dir, 'nope'), 10, 'report'))).reason).toBe('missing');
  });
});
