import { constants } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { repoOf } from '../core/location-facts.js';
import type { GitObjectType, Location } from '../core/types.js';
import { detect, detectRaw } from '../detect/detect.js';
import { secretSha256 } from '../detect/identity.js';
import type { RuleSet } from '../rules/rule-types.js';
import { type GitRepo, openRepo } from '../sources/git/open-repo.js';
import { spawnGit } from '../sources/git/spawn-git.js';
import { findIntroductions } from '../sources/git/find-introductions.js';
import type { RunContext } from './run-context.js';

const MAX_NAMED_LOOKUPS = 8;

/**
 * Reads a key back from where a report says it was (a file, or a git blob by id) and returns it only if
 * its SHA-256 is the reported one. Reports do not hold keys; this is how `keysweep verify` works on them.
 * Only the few bytes at the reported offset are read, and only from a regular file or a blob: a crafted
 * report naming /dev/zero or a FIFO reads nothing.
 */
export async function recoverSecret(sha: string, locations: Location[], rules: RuleSet, io: RunContext): Promise<string | null> {
  const repos = new Map<string, Promise<GitRepo | null>>();
  const width = rules.tokenMaxLength + 1;
  // A crafted report can list thousands of named locations: each costs a history walk, so only a few
  // distinct ones are tried.
  const named = new Set<string>();
  for (const location of locations) {
    if (location.inName) {
      const id = `${location.source === 'git' ? location.repo : ''}\u0000${location.source === 'git' ? location.blobId : location.path}`;
      if (named.has(id) || named.size >= MAX_NAMED_LOOKUPS) continue;
      named.add(id);
      const key = await keyInName(location, sha, rules, repos, io);
      if (key) return key;
      continue;
    }
    // A key found by decoding or written in pieces is read back from its text, which the detector reads
    // again. Three times the width covers hex and UTF-16 (twice as long), base64 wrapped and indented over
    // lines, and the joints between pieces.
    const rebuilt = location.encoding !== undefined || location.assembled === true;
    // A key in pieces starts inside a string literal: the byte before it (its opening quote) says so.
    const from = location.assembled && location.offset > 0 ? { ...location, offset: location.offset - 1 } : location;
    const bytes = await bytesAt(from, rebuilt ? width * 3 : width, repos, io).catch(() => null);
    if (!bytes) continue;
    const key = rebuilt ? keyInEncoded(bytes, sha, rules) : keyAt(bytes, sha, rules);
    if (key) return key;
  }
  return null;
}

/** The key with this SHA-256 among those the detector finds, decoding or joining, in these bytes (which start at the key's text). */
function keyInEncoded(bytes: Buffer, sha: string, rules: RuleSet): string | null {
  for (const match of detect(bytes, { ...rules, decode: true })) {
    if (secretSha256(match.secret) === sha) return match.secret;
  }
  return null;
}

/**
 * A key that is a file's or directory's name is shown redacted, so the names are read again: the entries
 * of the file's directory, or in history the paths at which commits added the object the entry names.
 */
async function keyInName(location: Location, sha: string, rules: RuleSet, repos: Map<string, Promise<GitRepo | null>>, io: RunContext): Promise<string | null> {
  let names: Buffer[] = [];
  if (location.source === 'file') {
    names = await readdir(dirname(resolve(io.cwd, location.path)), { encoding: 'buffer' }).catch(() => []);
  } else if (location.source === 'git' && location.blobId) {
    const repo = await repoFor(repoOf(location) ?? '.', repos, io);
    const found = repo ? await findIntroductions(repo, [location.blobId], { args: ['--all'], stdin: [] }, { trees: true }).catch(() => null) : null;
    names = [...(found?.get(location.blobId) ?? [])].map((intro) => Buffer.from(intro.path.split('/').pop() ?? ''));
  }
  for (const name of names) {
    for (const match of detectRaw(name, rules, false)) if (secretSha256(match.secret) === sha) return match.secret;
  }
  return null;
}

function repoFor(path: string, repos: Map<string, Promise<GitRepo | null>>, io: RunContext): Promise<GitRepo | null> {
  if (!repos.has(path)) repos.set(path, openRepo(path, { cwd: io.cwd, env: io.env, trustOwner: false }).catch(() => null));
  return repos.get(path)!;
}

/** The key that starts these bytes, when it hashes to `sha`; else null. */
export function keyAt(bytes: Buffer, sha: string, rules: RuleSet): string | null {
  for (const match of detectRaw(bytes.subarray(0, rules.tokenMaxLength + 1), rules, false)) {
    if (secretSha256(match.secret) === sha) return match.secret;
  }
  return null;
}

/**
 * The bytes of a location's file or object from `before` bytes ahead of the key to `width` bytes after its
 * start (for the source line triage shows), read the same bounded way; `start` is where the window begins.
 */
export async function windowAround(location: Location, before: number, width: number, io: RunContext): Promise<{ bytes: Buffer; start: number } | null> {
  const start = Math.max(0, location.offset - before);
  const bytes = await bytesAt({ ...location, offset: start }, location.offset - start + width, new Map(), io).catch(() => null);
  return bytes ? { bytes, start } : null;
}

async function bytesAt(location: Location, width: number, repos: Map<string, Promise<GitRepo | null>>, io: RunContext): Promise<Buffer | null> {
  if (location.source === 'file' && location.path) return fileWindow(resolve(io.cwd, location.path), location.offset, width);
  if ((location.source === 'git' || location.source === 'staged' || location.source === 'git-object') && location.blobId) {
    // A staged blob is in the repository of the working directory.
    const repo = await repoFor(repoOf(location) ?? '.', repos, io);
    // A key in a commit or tag message was found in the raw object, which `cat-file <type>` prints as is.
    const type = location.source === 'staged' ? 'blob' : location.objectType;
    return repo ? objectWindow(repo, type, location.blobId, location.offset, width) : null;
  }
  return null;
}

async function fileWindow(path: string, offset: number, width: number): Promise<Buffer | null> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!(await handle.stat()).isFile()) return null;
    const buffer = Buffer.alloc(width);
    const { bytesRead } = await handle.read(buffer, 0, width, offset);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The bytes of an object from `offset`, reading it only up to there (a huge blob is not loaded whole). */
async function objectWindow(repo: GitRepo, type: GitObjectType, id: string, offset: number, width: number): Promise<Buffer | null> {
  const child = spawnGit(repo, ['cat-file', type, id], ['ignore', 'pipe', 'ignore']);
  const end = offset + width;
  const kept: Buffer[] = [];
  let position = 0;
  try {
    for await (const chunk of child.stdout! as AsyncIterable<Buffer>) {
      // Only the window is kept: bytes before the offset are counted past.
      const from = Math.max(offset - position, 0);
      const to = Math.min(end - position, chunk.length);
      if (from < to) kept.push(chunk.subarray(from, to));
      position += chunk.length;
      if (position >= end) break;
    }
  } finally {
    if (child.exitCode === null) child.kill();
  }
  return kept.length > 0 ? Buffer.concat(kept) : null;
}
