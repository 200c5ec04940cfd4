import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { commit, git } from '../fixtures/git-fixture.js';
import { ensureHistoryCorpus } from './history-corpus.js';
import { compare } from './measure.js';
import { KEYSWEEP_BIN } from './tools.js';
import { type Log, printRows } from './tree-bench.js';

/**
 * The pre-push hook's whole run, as git starts it (the pushed refs on standard input), on a clone of a
 * 10,000-commit repository with 1 and with 20 new commits; Node's own start-up measured beside it.
 */
export async function hookBench(cacheDir: string, runs: number, log: Log): Promise<void> {
  const corpus = await ensureHistoryCorpus(join(cacheDir, 'hook-remote.git'), { commits: 10_000, filesPerCommit: 1, fileBytes: 2_000 }, 11);
  const clone = join(cacheDir, 'hook-clone');
  rmSync(clone, { recursive: true, force: true });
  git(cacheDir, ['clone', '-q', corpus.dir, clone]);
  const base = git(clone, ['rev-parse', 'HEAD']).trim();
  const tips: Record<number, string> = {};
  for (let i = 1; i <= 20; i++) {
    // Dated after the generated history, as new work is: a clock skew would make git walk far deeper.
    await commit(clone, { [`src/local${i}.ts`]: `export const value${i} = ${i};\n`.repeat(50) }, `local ${i}`, 2000 + i);
    if (i === 1 || i === 20) tips[i] = git(clone, ['rev-parse', 'HEAD']).trim();
  }
  log(`\n## pre-push hook: clone of a ${corpus.commits}-commit repository, whole process`);
  const hook = (commits: number) => ({
    name: `keysweep hook pre-push, ${commits} new commit(s)`,
    command: process.execPath,
    args: [KEYSWEEP_BIN, 'hook', 'pre-push', 'origin', corpus.dir],
    cwd: clone,
    input: `refs/heads/main ${tips[commits]} refs/heads/main ${base}\n`,
  });
  const rows = compare([hook(1), hook(20), { name: 'node -e 0 (Node start-up alone)', command: process.execPath, args: ['-e', '0'] }], Math.max(7, runs * 2));
  printRows(log, rows, null);
  log(`target: median ≤ 300 ms for 1 commit (${rows[0]!.medianMs.toFixed(0)} ms; Node start-up ${rows[2]!.medianMs.toFixed(0)} ms)`);
}
