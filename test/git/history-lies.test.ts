import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { findingFor, historyJson } from '../helpers/history-cli.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(82);

/** c1 adds a key, c2 removes it, c3 is unrelated: the key lives only in c1. */
async function keyOnlyInFirstCommit() {
  const repo = await tempDir('keysweep-lies-');
  await initRepo(repo);
  const key = fakeKey('project-v2', rng);
  const c1 = await commit(repo, { 'secret.env': `K=${key}\n` }, 'add key', 1);
  const c2 = await commit(repo, { 'secret.env': null, 'a.txt': 'a\n' }, 'remove key', 2);
  const c3 = await commit(repo, { 'b.txt': 'b\n' }, 'more', 3);
  return { repo, key, c1, c2, c3 };
}

/** Sets the first parent of `commit` in the repository's commit-graph file to "none", as a hostile repository could. */
async function cutParentInCommitGraph(repo: string, commitId: string): Promise<void> {
  const path = join(repo, '.git', 'objects', 'info', 'commit-graph');
  const graph = await readFile(path);
  expect(graph.toString('latin1', 0, 4)).toBe('CGPH');
  const chunks = graph[6]!;
  const offsets = new Map<string, number>();
  for (let i = 0; i < chunks; i++) offsets.set(graph.toString('latin1', 8 + i * 12, 12 + i * 12), Number(graph.readBigUInt64BE(12 + i * 12)));
  const oidl = offsets.get('OIDL')!;
  const cdat = offsets.get('CDAT')!;
  const count = (cdat - oidl) / 20;
  let index = -1;
  for (let i = 0; i < count; i++) if (graph.toString('hex', oidl + i * 20, oidl + i * 20 + 20) === commitId) index = i;
  expect(index).toBeGreaterThanOrEqual(0);
  graph.writeUInt32BE(0x70000000, cdat + index * 36 + 20);
  await writeFile(path, graph);
}

describe('history does not believe what a repository lies about', () => {
  it('ignores .git/info/grafts that cut a commit off', async () => {
    const { repo, key, c1, c2 } = await keyOnlyInFirstCommit();
    await writeFile(join(repo, '.git', 'info', 'grafts'), `${c2}\n`);
    // git itself believes the graft: the key's commit is gone from its log.
    expect(git(repo, ['log', '--format=%H', '--all'])).not.toContain(c1);
    const { code, report } = await historyJson(repo);
    expect(code).toBe(1);
    expect(findingFor(report, key)!.locations[0]).toMatchObject({ path: 'secret.env', commit: c1 });
  });

  it('ignores a commit-graph file with a parent edited away', async () => {
    const { repo, key, c1, c2 } = await keyOnlyInFirstCommit();
    git(repo, ['commit-graph', 'write', '--reachable']);
    await cutParentInCommitGraph(repo, c2);
    expect(git(repo, ['log', '--format=%H', '--all'])).not.toContain(c1);
    const { code, report } = await historyJson(repo);
    expect(code).toBe(1);
    expect(findingFor(report, key)!.locations[0]).toMatchObject({ path: 'secret.env', commit: c1 });
  });

  it('a missing commit: findings from every object the store holds, the commit named, exit 2 in every scope', async () => {
    const { repo, key, c2 } = await keyOnlyInFirstCommit();
    await rm(join(repo, '.git', 'objects', c2.slice(0, 2), c2.slice(2)));
    for (const scope of [[], ['--unreachable']]) {
      const { code, report, stdout, stderr } = await historyJson(repo, scope);
      expect(code, `${scope.join(' ')} ${stderr}`).toBe(2);
      expect(report.problems, scope.join(' ')).toContainEqual(expect.objectContaining({ path: `object ${c2}`, code: 'MISSING_OBJECT' }));
      expect(findingFor(report, key), scope.join(' ')).toBeDefined();
      expect(stdout + stderr).not.toContain('no findings');
    }
  });

  it('an empty range is a clean scan; an unresolvable one is an error', async () => {
    const { repo } = await keyOnlyInFirstCommit();
    const empty = await runCli(['history', '--range', 'HEAD..HEAD'], { cwd: repo });
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stderr).toContain('nothing to scan in range HEAD..HEAD');
    const since = await runCli(['history', '--since-commit', 'HEAD'], { cwd: repo });
    expect(since.code, since.stderr).toBe(0);
    const bad = await runCli(['history', '--range', 'HEAD..nope'], { cwd: repo });
    expect(bad.code).toBe(2);
    expect(bad.stdout).not.toContain('no findings');
  });

  it('a path that does not exist, or a file, is a one-line usage error', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'file.txt'), 'x\n');
    const missing = await runCli(['history', 'nope'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('keysweep: nope does not exist\n(keysweep --help for usage)\n');
    const file = await runCli(['history', 'file.txt'], { cwd: dir });
    expect(file.code).toBe(2);
    expect(file.stderr.split('\n')[0]).toBe('keysweep: file.txt is not a directory: name a repository (its work tree or its .git directory)');
    expect(file.stderr).not.toContain('    at ');
  });
});

describe('a forged shallow file', () => {
  it('fails closed when .git/shallow cuts off commits the store still holds', async () => {
    const { repo, key, c3 } = await keyOnlyInFirstCommit();
    await writeFile(join(repo, '.git', 'shallow'), `${c3}\n`);
    const { code, report } = await historyJson(repo);
    expect(code).toBe(2);
    expect(report.problems).toContainEqual(expect.objectContaining({ path: `commit ${c3}`, code: 'SHALLOW_HIDES_HISTORY' }));
    const all = await historyJson(repo, ['--unreachable']);
    expect(findingFor(all.report, key)).toBeDefined();
  });
});
