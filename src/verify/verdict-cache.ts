import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Verification } from '../core/types.js';

export type VerifyDepth = 'basic' | 'deep' | 'deep-owner';
const DEPTH_RANK: Record<VerifyDepth, number> = { basic: 0, deep: 1, 'deep-owner': 2 };
/** A live key can be revoked at any moment: its verdict is trusted for a few hours only. */
export const LIVE_TTL_MS = 6 * 3600 * 1000;

type Entry = { verification: Verification; depth: VerifyDepth };
type CacheFile = { version: 1; entries: Record<string, Entry> };

export type VerdictCache = {
  get(secretSha256: string, depth: VerifyDepth, now: number): Verification | null;
  put(secretSha256: string, depth: VerifyDepth, verification: Verification): void;
  save(): Promise<void>;
};

/** The user's cache directory: KEYSWEEP_CACHE_DIR, else $XDG_CACHE_HOME/keysweep, else ~/.cache/keysweep. */
export function cacheDir(env: Record<string, string | undefined>): string {
  return env.KEYSWEEP_CACHE_DIR ?? join(env.XDG_CACHE_HOME ?? join(env.HOME ?? homedir(), '.cache'), 'keysweep');
}

/**
 * Verdicts keyed by the secret's SHA-256, never by the key: `revoked` is kept for good (a revoked key
 * never comes back), `live` for six hours, `unknown` never. The owner's personal data is not stored.
 */
export async function openVerdictCache(dir: string): Promise<VerdictCache> {
  const file = join(dir, 'verdicts.json');
  let data: CacheFile = { version: 1, entries: {} };
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as CacheFile;
    if (parsed?.version === 1 && parsed.entries && typeof parsed.entries === 'object') data = parsed;
  } catch {
    // no cache yet, or one we cannot read: start empty (a cache only saves requests)
  }
  let dirty = false;
  return {
    get(sha, depth, now) {
      const entry = data.entries[sha];
      if (!entry || DEPTH_RANK[entry.depth] < DEPTH_RANK[depth]) return null;
      const age = now - Date.parse(entry.verification.checkedAt);
      if (entry.verification.status === 'revoked' || (entry.verification.status === 'live' && age < LIVE_TTL_MS)) {
        return { ...entry.verification, fromCache: true };
      }
      return null;
    },
    put(sha, depth, verification) {
      if (verification.status === 'unknown') return;
      const { owner: _owner, fromCache: _fromCache, ...kept } = verification;
      data.entries[sha] = { verification: kept, depth: depth === 'deep-owner' ? 'deep' : depth };
      dirty = true;
    },
    async save() {
      if (!dirty) return;
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
      // 'wx': a symlink planted at the temporary name is refused, not followed.
      await writeFile(temporary, JSON.stringify(data), { mode: 0o600, flag: 'wx' });
      await rename(temporary, file);
    },
  };
}
