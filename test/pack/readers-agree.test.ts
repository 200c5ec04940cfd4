import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { FAKE_KEY_KINDS } from '../../fixtures/keys.js';
import { ALNUM, type Rng, randomString, seededRng } from '../../fixtures/random.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

type Json = { findings: unknown[]; problems: unknown[]; stats: { git: Record<string, unknown>; skipped: unknown; findings: number } };

/** One history scan's report, without what differs by design: timing, and how objects were read. */
async function history(repo: string, reader: string, extra: string[] = []): Promise<{ code: number; report: Json }> {
  const run = await runCli(['history', '.', '--format', 'json', '--reader', reader, ...extra], { cwd: repo });
  const report = JSON.parse(run.stdout) as Json;
  const { reader: readBy, ...git } = report.stats.git;
  expect(readBy).toMatchObject({ kind: reader });
  return { code: run.code, report: { findings: report.findings, problems: report.problems, stats: { git, skipped: report.stats.skipped, findings: report.stats.findings } } };
}

/** Ways a key sits in a file: whole, cut in two quoted pieces, base64 (wrapped), hex, UTF-16. */
function hidden(rng: Rng, key: string): string | Buffer {
  const cut = 10 + Math.floor(rng() * (key.length - 20));
  const b64 = Buffer.from(`token=${key}\n`).toString('base64');
  const wrap = 1 + Math.floor(rng() * (b64.length - 2));
  const ways = [
    `KEY=${key}\n`,
    `k = "${key.slice(0, cut)}" + "${key.slice(cut)}"\n`,
    `blob: |\n  ${b64.slice(0, wrap)}\n  ${b64.slice(wrap)}\n`,
    `hex=${Buffer.from(key).toString('hex')}\n`,
  ];
  if (rng() < 0.15) return Buffer.from(`key: ${key}\n`, 'utf16le');
  return ways[Math.floor(rng() * ways.length)]!;
}

/** A history where keys come and go inside files that change a little at a time, then packed with long delta chains. */
async function history_(seed: number): Promise<string> {
  const rng = seededRng(seed);
  const repo = await tempDir(`keysweep-readers-${seed}-`);
  await initRepo(repo);
  const lines = Array.from({ length: 60 }, () => `${randomString(rng, ALNUM, 50)}\n`);
  const key = () => FAKE_KEY_KINDS[Math.floor(rng() * FAKE_KEY_KINDS.length)]!.make(rng);
  for (let c = 0; c < 16; c++) {
    const at = Math.floor(rng() * lines.length);
    const secret = hidden(rng, key());
    if (typeof secret === 'string' && rng() < 0.6) lines.splice(at, rng() < 0.5 ? 1 : 0, secret);
    else lines[at] = `${randomString(rng, ALNUM, 50)}\n`;
    const files: Record<string, string | Buffer> = { 'config.txt': lines.join('') };
    if (typeof secret !== 'string') files[`data${c}.bin`] = secret;
    if (c === 5) files[`${key()}.txt`] = 'named after a key\n';
    // Git LFS pointers, counted by both readers: one packed whole, and later versions that git may store as deltas.
    if (c === 3 || c === 7) files['model.bin'] = `version https://git-lfs.github.com/spec/v1\noid sha256:${randomString(rng, '0123456789abcdef', 64)}\nsize ${c * 1000}\n`;
    await commit(repo, files, rng() < 0.2 ? `fix ${key()}` : `change ${c}`, c);
    if (c === 9) git(repo, ['repack', '-a', '-d', '-f', '--depth=50', '--window=50', '-q']);
  }
  // An amended commit leaves an unreachable one behind (for --unreachable), and the last commits stay loose.
  git(repo, ['commit', '--amend', '-q', '-m', 'amended']);
  return repo;
}

describe('the pack reader and the git reader report the same', () => {
  it.each([21, 22, 23, 24])('history %i: the same findings, locations, problems and counts, for all refs and for every object', async (seed) => {
    const repo = await history_(seed);
    const packs = await history(repo, 'packs');
    const viaGit = await history(repo, 'git');
    expect(packs.report.findings.length).toBeGreaterThan(3);
    expect(packs.report.stats.git['lfsPointers']).toBe(2);
    expect(packs).toEqual(viaGit);
    expect(await history(repo, 'packs', ['--unreachable'])).toEqual(await history(repo, 'git', ['--unreachable']));
    // Blobs over the limit are named as skipped by both, and only those in the scope.
    const small = await history(repo, 'packs', ['--max-file-size', '2KiB']);
    expect(small.report.stats.skipped).toMatchObject({ 'too-large': expect.any(Number) });
    expect(small).toEqual(await history(repo, 'git', ['--max-file-size', '2KiB']));
  }, 120_000);
});
