import ignore from 'ignore';
import type { PathRule } from './suppressions.js';

export type IgnoreFile = { secretHashes: string[]; pathRule: PathRule | null };

const SHA256 = /^[0-9a-f]{64}$/i;

/**
 * `.keysweepignore`: one entry per line. A 64-hex line is a secret's SHA-256 (as shown in every report);
 * anything else is a path glob in .gitignore syntax, relative to the directory holding the file.
 * `#` starts a comment line. A full key written here would itself be a leak, so keys are never accepted.
 */
export function parseIgnoreFile(text: string, root: string): IgnoreFile {
  const secretHashes: string[] = [];
  const globs: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (SHA256.test(line)) secretHashes.push(line.toLowerCase());
    else globs.push(line);
  }
  const pathRule = globs.length > 0 ? { root, matcher: ignore({ allowRelativePaths: true }).add(globs) } : null;
  return { secretHashes, pathRule };
}
