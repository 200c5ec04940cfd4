import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { findingFor, historyJson } from '../helpers/history-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(33);

async function threeEraRepo() {
  const repo = await tempDir();
  await initRepo(repo);
  const [old, mid, fresh, side] = [fakeKey('legacy', rng), fakeKey('none', rng), fakeKey('project-v2', rng), fakeKey('svcacct-v1', rng)];
  const c1 = await commit(repo, { 'a.env': `K=${old}\n` }, 'old', 1);
  const c2 = await commit(repo, { 'b.env': `K=${mid}\n` }, 'mid', 2);
  const c3 = await commit(repo, { 'c.env': `K=${fresh}\n` }, 'fresh', 3);
  git(repo, ['checkout', '-q', '-b', 'side', c1]);
  await commit(repo, { 'side.env': `K=${side}\n` }, 'side', 4);
  git(repo, ['checkout', '-q', 'main']);
  return { repo, keys: { old, mid, fresh, side }, commits: { c1, c2, c3 } };
}

const found = (report: Awaited<ReturnType<typeof historyJson>>['report'], keys: Record<string, string>) =>
  Object.entries(keys).filter(([, k]) => findingFor(report, k)).map(([name]) => name).sort();

describe('history scopes', () => {
  it('--branch, --since-commit and --range limit the walk, and the summary names the scope', async () => {
    const { repo, keys, commits } = await threeEraRepo();
    expect(found((await historyJson(repo)).report, keys)).toEqual(['fresh', 'mid', 'old', 'side']);
    expect(found((await historyJson(repo, ['--branch', 'main'])).report, keys)).toEqual(['fresh', 'mid', 'old']);
    expect(found((await historyJson(repo, ['--branch', 'side'])).report, keys)).toEqual(['old', 'side']);
    const since = await historyJson(repo, ['--since-commit', commits.c1]);
    expect(found(since.report, keys)).toEqual(['fresh', 'mid', 'side']);
    expect(since.report.stats.git.commits).toBe(3);
    const range = await historyJson(repo, ['--range', `${commits.c1}..${commits.c2}`]);
    expect(found(range.report, keys)).toEqual(['mid']);
    expect(range.report.stats.git).toMatchObject({ commits: 1, scope: `range ${commits.c1}..${commits.c2}` });
  });

  it('refuses unknown revisions and option-like input before git sees them', async () => {
    const { repo } = await threeEraRepo();
    for (const args of [['--branch', 'nope'], ['--branch=--output=/tmp/x'], ['--range', 'main'], ['--branch', 'main', '--unreachable']]) {
      const { code, stderr } = await historyJson(repo, args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(/no such commit|--range takes|exclude each other/);
    }
  });

  it('--unreachable finds a key removed by amending, and one that was only ever staged', async () => {
    const repo = await tempDir();
    await initRepo(repo);
    const [amended, staged] = [fakeKey('admin', rng), fakeKey('project-58', rng)];
    await commit(repo, { 'base.txt': 'x\n' }, 'base', 1);
    const lost = await commit(repo, { 'conf.env': `K=${amended}\n` }, 'add conf', 2);
    await writeFile(join(repo, 'conf.env'), 'K=from-env\n');
    git(repo, ['commit', '-q', '-a', '--amend', '-m', 'add conf'], { date: 2 });
    await writeFile(join(repo, 'draft.env'), `K=${staged}\n`);
    git(repo, ['add', 'draft.env']);
    git(repo, ['rm', '-q', '--cached', 'draft.env']);

    const reachable = await historyJson(repo);
    expect(findingFor(reachable.report, amended)).toBeUndefined();
    const all = await historyJson(repo, ['--unreachable']);
    expect(all.code).toBe(1);
    expect(findingFor(all.report, amended)!.locations[0]).toMatchObject({ path: 'conf.env', commit: lost, inHead: false });
    expect(findingFor(all.report, staged)!.locations[0]).toMatchObject({ path: null, unreachable: true, inHead: false });
    expect(all.report.stats.git).toMatchObject({ unreachableScanned: true });
    const text = await (await import('../helpers/run-cli.js')).runCli(['history', '--unreachable'], { cwd: repo });
    expect(text.stdout).toContain('unreachable: no commit names it');
  });
});
