import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_ENV } from './measure.js';
import { ensureHistoryCorpus } from './history-corpus.js';
import { compare } from './measure.js';
import { KEYSWEEP_BIN, RG_PATTERN, ensureRipgrep } from './tools.js';
import { type Log, printRows } from './tree-bench.js';

/** keysweep history against the git floor and the patch pipeline, on a generated repository and any repositories given. */
export async function historyBench(cacheDir: string, runs: number, log: Log, extraRepos: string[]): Promise<void> {
  const rg = ensureRipgrep(log);
  const corpus = await ensureHistoryCorpus(join(cacheDir, 'history-repo.git'), { commits: 3000, filesPerCommit: 2, fileBytes: 50_000 }, 7);
  const repos = [{ dir: corpus.dir, label: `generated: ${corpus.commits} commits, ${(corpus.blobBytes / 1e6).toFixed(0)} MB of blobs, ${corpus.planted} planted keys` }, ...extraRepos.map((dir) => ({ dir, label: dir }))];
  for (const repo of repos) {
    log(`\n## History: ${repo.label}`);
    const rows = compare(
      [
        { name: 'git cat-file --batch-all-objects (floor)', command: 'git', args: ['--git-dir', repo.dir, 'cat-file', '--batch-all-objects', '--batch', '--unordered'] },
        { name: 'keysweep history', command: process.execPath, args: [KEYSWEEP_BIN, 'history', repo.dir, '--format', 'jsonl'] },
        { name: 'git log -p --all | rg (patch pipeline)', command: 'sh', args: ['-c', `git --git-dir "$1" log -p -U0 --full-history --all | ${rg} -c -e "$2"`, 'sh', repo.dir, RG_PATTERN] },
      ],
      runs,
    );
    printRows(log, rows, null);
    const [floor, ks, patch] = rows as [typeof rows[0], typeof rows[0], typeof rows[0]];
    log(`ratio keysweep / cat-file floor: ${(ks.medianMs / floor.medianMs).toFixed(2)}× (target ≤ 1.5×)`);
    log(`ratio patch pipeline / keysweep: ${(patch.medianMs / ks.medianMs).toFixed(2)}× faster (target ≥ 2×)`);
    log(`keysweep's own peak RSS: ${(ownPeakRss(repo.dir) / 1024 / 1024).toFixed(0)} MiB (target ≤ 150 MiB; the RSS column above is git's, the largest process)`);
  }
}

/** keysweep reports its own peak RSS in stats.peakRssBytes; GNU time would report git's (a child). */
function ownPeakRss(repo: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'keysweep-bench-'));
  try {
    const out = join(dir, 'report.json');
    spawnSync(process.execPath, [KEYSWEEP_BIN, 'history', repo, '--format', 'json', '-o', out], { env: BENCH_ENV, stdio: 'ignore' });
    return (JSON.parse(readFileSync(out, 'utf8')) as { stats: { peakRssBytes: number } }).stats.peakRssBytes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
