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
