import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commit, fixtureGitEnv, initRepo } from '../fixtures/git-fixture.js';
import { fakeKey } from '../fixtures/keys.js';
import { seededRng } from '../fixtures/random.js';
import { timeOnce } from './measure.js';
import { KEYSWEEP_BIN } from './tools.js';
import type { Log } from './tree-bench.js';

const REPOS = 50;

/**
 * Sweeps of 50 generated repositories (every fifth a fork of the one before it): repositories per minute at
 * concurrency 1, 2 and 4, an incremental re-sweep after one new commit in one repository against the full
 * sweep, and peak RSS at concurrency 4 (the sweep process; git children are separate).
 */
export async function sweepBench(cacheDir: string, log: Log): Promise<void> {
  const { list, repos } = await ensureFleet(join(cacheDir, 'sweep-fleet'));
  log(`\n## Sweep: ${REPOS} generated repositories (40 commits of ~48 KB each, every fifth a fork of another)`);
  const sweep = (store: string, extra: string[] = []) =>
    timeOnce(process.execPath, [KEYSWEEP_BIN, 'sweep', '--repos', list, '--store', store, '--cache-dir', join(store, '..', 'cache'), '--format', 'json', '--quiet', ...extra], { okCodes: [0, 1, 3] });
  const work = mkdtempSync(join(tmpdir(), 'keysweep-sweep-bench-'));
  try {
    let full = 0;
    for (const concurrency of [1, 2, 4]) {
      const store = join(work, `c${concurrency}`, 'sweep.db');
      const run = sweep(store, ['--concurrency', String(concurrency)]);
      if (concurrency === 1) full = run.ms;
      log(`concurrency ${concurrency}: ${(run.ms / 1000).toFixed(1)} s, ${((REPOS * 60_000) / run.ms).toFixed(0)} repositories/min${concurrency === 4 ? `, peak RSS ${((run.rssKiB ?? 0) / 1024).toFixed(0)} MiB` : ''}`);
    }
    // Incremental: one new commit in one repository, then the same sweep (concurrency 1) again.
    const store = join(work, 'c1', 'sweep.db');
    await commit(repos[0]!, { [`new-${Date.now()}.txt`]: 'new\n' }, 'one more', 99);
    const incremental = sweep(store, ['--concurrency', '1']);
    log(`incremental re-sweep after 1 new commit in 1 repository: ${(incremental.ms / 1000).toFixed(2)} s = ${((100 * incremental.ms) / full).toFixed(1)}% of the full sweep (target < 5%)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function ensureFleet(dir: string): Promise<{ list: string; repos: string[] }> {
  const list = join(dir, 'repos.txt');
  const repos = Array.from({ length: REPOS }, (_, i) => join(dir, `repo-${String(i).padStart(2, '0')}`));
  if (existsSync(list)) return { list, repos };
  mkdirSync(dir, { recursive: true });
  const rng = seededRng(2024);
  for (const [i, repo] of repos.entries()) {
    if (i % 5 === 4) {
      execFileSync('git', ['clone', '-q', repos[i - 1]!, repo], { env: fixtureGitEnv(dir) });
      await commit(repo, { 'fork.txt': `fork ${i}\n` }, 'fork change', 50);
      continue;
    }
    await initRepo(repo);
    for (let c = 0; c < 40; c++) {
      const files: Record<string, string> = { [`src/module-${c % 8}.ts`]: `// ${i}/${c}\n${'export const value = 1;\n'.repeat(2000)}` };
      if (c === 20 && i % 3 === 0) files['config/.env'] = `OPENAI_API_KEY=${fakeKey('project-v2', rng)}\n`;
      await commit(repo, files, `commit ${c}`, c);
    }
  }
  writeFileSync(list, `${repos.join('\n')}\n`);
  return { list, repos };
}
