import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(99);

describe('an incremental sweep sees what no branch names', () => {
  it('a new commit on a detached HEAD and an older stash entry are found without --full', async () => {
    const root = await tempDir();
    const repo = join(root, 'r');
    await initRepo(repo);
    await commit(repo, { 'a.txt': 'a\n' }, 'base', 1);
    await writeFile(join(root, 'list.txt'), `${repo}\n`);
    const sweep = async () => JSON.parse((await runCli(['sweep', '--repos', 'list.txt', '--cache-dir', 'cache', '--format', 'json', '--quiet'], { cwd: root })).stdout) as { findings: Array<{ secretSha256: string }>; repositories: Array<{ status: string }> };
    expect((await sweep()).findings).toEqual([]);
    const [onHead, stashedFirst, stashedSecond] = [fakeKey('project-v2', rng), fakeKey('legacy', rng), fakeKey('none', rng)];
    git(repo, ['checkout', '-q', '--detach']);
    await commit(repo, { 'h.env': `K=${onHead}\n` }, 'detached', 2);
    await writeFile(join(repo, 'a.txt'), `K=${stashedFirst}\n`);
    git(repo, ['stash', '-q']);
    await writeFile(join(repo, 'a.txt'), `K=${stashedSecond}\n`);
    git(repo, ['stash', '-q']);
    const again = await sweep();
    expect(again.repositories[0]!.status).toBe('scanned');
    expect(again.findings.map((f) => f.secretSha256).sort()).toEqual([onHead, stashedFirst, stashedSecond].map(secretSha256).sort());
  });
});

describe('the tips a sweep remembers, resolved in one git process', () => {
  it('peels tags to commits and resolves ids that name nothing (or are not ids) to null', async () => {
    const { resolveObjectIds } = await import('../../src/sources/git/list-refs.js');
    const { openRepo } = await import('../../src/sources/git/open-repo.js');
    const dir = await tempDir();
    await initRepo(dir);
    const first = await commit(dir, { 'a.txt': 'a\n' }, 'one', 1);
    git(dir, ['tag', '-a', '-m', 'release', 'v1']);
    const tag = git(dir, ['rev-parse', 'v1']).trim();
    const blob = git(dir, ['rev-parse', 'HEAD:a.txt']).trim();
    const repo = await openRepo(dir, { cwd: dir, env: process.env, trustOwner: false });
    const gone = 'e'.repeat(40);
    const resolved = await resolveObjectIds(repo, [first, tag, blob, gone, '--all', 'HEAD']);
    expect(Object.fromEntries(resolved)).toEqual({ [first]: first, [tag]: first, [blob]: null, [gone]: null, '--all': null, HEAD: null });
  });
});
