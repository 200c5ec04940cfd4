import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_ENV } from './measure.js';
import { ensureHistoryCorpus } from './history-corpus.js';
import { compare } from './measure.js';
import { KEYSWEEP_BIN, RG_PATTERN, ensureRipgrep } from './tools.js';
import { type Log, printRows } from './tree-bench.js';

/**
 * keysweep history (both readers) against the git floor and the patch pipeline, on a generated repository
 * and any repositories given; with `comparePaths`, each repository's reports from both readers are compared.
 */
export async function historyBench(cacheDir: string, runs: number, log: Log, extraRepos: string[], comparePaths = false): Promise<void> {
  const rg = ensureRipgrep(log);
  const corpus = await ensureHistoryCorpus(join(cacheDir, 'history-repo.git'), { commits: 3000, filesPerCommit: 2, fileBytes: 50_000 }, 7);
  const repos = [{ dir: corpus.dir, label: `generated: ${corpus.commits} commits, ${(corpus.blobBytes / 1e6).toFixed(0)} MB of blobs, ${corpus.planted} planted keys` }, ...extraRepos.map((dir) => ({ dir, label: dir }))];
  for (const repo of repos) {
    log(`\n## History: ${repo.label}`);
    const rows = compare(
      [
        { name: 'git cat-file --batch-all-objects (floor)', command: 'git', args: ['--git-dir', repo.dir, 'cat-file', '--batch-all-objects', '--batch', '--unordered'] },
        // What any reader of git's output pays on top of git: 3.4 GB through a pipe on curl. The floor above
        // writes to /dev/null, so git alone never pays it.
        { name: 'git cat-file … | node (pipe floor: read, nothing done)', command: 'sh', args: ['-c', `git --git-dir "$1" cat-file --batch-all-objects --batch --unordered | "$2" -e "process.stdin.on('data', () => {})"`, 'sh', repo.dir, process.execPath] },
        { name: 'keysweep history (packs, default)', command: process.execPath, args: [KEYSWEEP_BIN, 'history', repo.dir, '--format', 'jsonl'] },
        { name: 'keysweep history --reader git', command: process.execPath, args: [KEYSWEEP_BIN, 'history', repo.dir, '--format', 'jsonl', '--reader', 'git'] },
        { name: `keysweep history (packs, --threads 1; default here ${packThreads()})`, command: process.execPath, args: [KEYSWEEP_BIN, 'history', repo.dir, '--format', 'jsonl', '--threads', '1'] },
        { name: 'git log -p --all | rg (patch pipeline)', command: 'sh', args: ['-c', `git --git-dir "$1" log -p -U0 --full-history --all | ${rg} -c -e "$2"`, 'sh', repo.dir, RG_PATTERN] },
      ],
      runs,
    );
    printRows(log, rows, null);
    const [floor, pipe, packs, viaGit, oneThread, patch] = rows as [Row, Row, Row, Row, Row, Row];
    log(`ratio keysweep (packs) / cat-file floor: ${(packs.medianMs / floor.medianMs).toFixed(2)}× (target ≤ 0.5× on curl, ≤ 1.0× on express)`);
    log(`ratio keysweep --reader git / cat-file floor: ${(viaGit.medianMs / floor.medianMs).toFixed(2)}× (target ≤ 1.2× on curl, ≤ 1.5× on express); against the pipe floor ${(viaGit.medianMs / pipe.medianMs).toFixed(2)}× (the pipe floor is ${(pipe.medianMs / floor.medianMs).toFixed(2)}× the cat-file floor)`);
    log(`scaling: packs on ${packThreads()} thread(s) ${(oneThread.medianMs / packs.medianMs).toFixed(2)}× faster than on one (${(oneThread.medianMs / floor.medianMs).toFixed(2)}× the floor on one)`);
    log(`ratio patch pipeline / keysweep (packs): ${(patch.medianMs / packs.medianMs).toFixed(2)}× faster (target ≥ 2×)`);
    // One report from each reader serves both the memory figure and the comparison.
    const reports = { packs: ownReport(repo.dir, 'packs'), git: ownReport(repo.dir, 'git') };
    log(`keysweep's own peak RSS: packs ${mib(reports.packs.stats.peakRssBytes)}, git ${mib(reports.git.stats.peakRssBytes)} (target ≤ 150 MiB; the RSS column above is git's, the largest process)`);
    if (comparePaths) log(compareReaders(reports.packs, reports.git));
  }
}

type Row = ReturnType<typeof compare>[number];

/** The pack scan's default thread count (one per core, at most four), as history-command applies it. */
const packThreads = () => Math.min(4, availableParallelism());

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

type Report = { findings: unknown[]; problems: unknown[]; stats: { peakRssBytes: number; skipped: unknown; git: Record<string, unknown> } };

/** Both readers' reports on one repository, compared where they must agree: findings, problems, skips and git's counts. */
function compareReaders(...reports: [Report, Report]): string {
  const [packs, viaGit] = reports.map(({ stats, findings, problems }) => {
    const { reader: _readBy, ...git } = stats.git;
    return { findings, problems, skipped: stats.skipped, git };
  });
  const differences = (['findings', 'problems', 'skipped', 'git'] as const).filter((part) => JSON.stringify(packs![part]) !== JSON.stringify(viaGit![part]));
  return differences.length === 0
    ? `compare paths: 0 differences (${packs!.findings.length} finding(s), ${packs!.problems.length} problem(s), same counts)`
    : `compare paths: DIFFERENCES in ${differences.join(', ')}`;
}

/** One report of keysweep's own: it carries its peak RSS in stats.peakRssBytes (GNU time would report git's, a child). */
function ownReport(repo: string, reader: 'packs' | 'git'): Report {
  const dir = mkdtempSync(join(tmpdir(), 'keysweep-bench-'));
  try {
    const out = join(dir, 'report.json');
    spawnSync(process.execPath, [KEYSWEEP_BIN, 'history', repo, '--format', 'json', '-o', out, '--reader', reader], { env: BENCH_ENV, stdio: 'ignore' });
    return JSON.parse(readFileSync(out, 'utf8')) as Report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
