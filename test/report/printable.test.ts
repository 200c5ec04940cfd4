import { describe, expect, it } from 'vitest';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { commit, initRepo } from '../../fixtures/git-fixture.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir, writeTree } from '../helpers/temp-dir.js';

describe('hostile names cannot drive the terminal', () => {
  it('escapes control characters in file names and commit subjects in text output', async () => {
    const rng = seededRng(61);
    const root = await tempDir();
    const evilName = 'x\u001b[2J\u001b]0;pwned\u0007\rfake.env';
    await writeTree(root, { [evilName]: `K=${fakeKey('legacy', rng)}\n` });
    const scan = await runCli(['scan'], { cwd: root });
    expect(scan.stdout).not.toContain('\u001b');
    expect(scan.stdout).not.toContain('\r');
    expect(scan.stdout).toContain('x\\x1b[2J\\x1b]0;pwned\\x07\\x0dfake.env');

    const repo = await tempDir();
    await initRepo(repo);
    await commit(repo, { 'a.env': `K=${fakeKey('none', rng)}\n` }, 'subject \u001b[31mred', 1);
    const history = await runCli(['history'], { cwd: repo });
    expect(history.stdout).not.toContain('\u001b');
    expect(history.stdout).toContain('subject \\x1b[31mred');
  });
});
