import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a report where only its owner can read it (0600), whatever was at `path` before: the text goes
 * to a new file created with O_EXCL (which never follows a symlink) beside the target, then is renamed
 * over it. An existing file keeps neither its looser mode nor a symlink's redirection, and a reader never
 * sees half a report.
 */
export async function writePrivateFile(path: string, text: string): Promise<void> {
  // A terminal, a pipe or /dev/stdout is a stream to write to, not a file to replace.
  const target = await stat(path).catch(() => null);
  if (target && !target.isFile() && !target.isDirectory()) {
    await writeFile(path, text);
    return;
  }
  const temporary = join(dirname(path), `.${basename(path)}.keysweep-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(text);
    // The process umask cannot widen 0600, but be explicit: the mode is the point.
    await handle.chmod(0o600);
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
