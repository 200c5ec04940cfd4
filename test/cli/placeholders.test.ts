import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { MARKER } from '../../fixtures/templates.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { gitRun, installHooks } from '../helpers/push-repos.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(342);
const sequence = `sk-proj-${'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijkl'}${MARKER}${'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijkl'}`;
const repeated = `sk-${'abcd1234abcd1234abcd'}${MARKER}${'abcd1234abcd1234abcd'}`;
type Json = { findings: Array<{ secretSha256: string }>; ignored?: Array<{ secretSha256: string; suppressed: string }>; stats: { findings: number; ignoredFindings: number; placeholders: number } };

describe('placeholders: made-up keys with the marker', () => {
  it('are not findings: counted in stats, listed with --show-ignored, named in the summary; a real key beside them still is', async () => {
    const dir = await tempDir('keysweep-placeholders-');
    const real = fakeKey('project-v2', rng);
    await writeFile(join(dir, 'README.md'), `export OPENAI_API_KEY=${sequence}\n`);
    // An allow comment does not turn a placeholder into a suppressed key: it stays a placeholder.
    await writeFile(join(dir, 'docs.md'), `key: "${repeated}"  # keysweep:allow\n`);
    await writeFile(join(dir, 'app.env'), `OPENAI_API_KEY=${real}\n`);
    const json = await runCli(['scan', '.', '--format', 'json', '--show-ignored'], { cwd: dir });
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as Json;
    expect(report.findings.map((f) => f.secretSha256)).toEqual([secretSha256(real)]);
    expect(report.stats).toMatchObject({ findings: 1, ignoredFindings: 2, placeholders: 2 });
    expect(report.ignored!.map((f) => [f.secretSha256, f.suppressed]).sort()).toEqual([[secretSha256(sequence), 'placeholder'], [secretSha256(repeated), 'placeholder']].sort());
    const text = await runCli(['scan', '.'], { cwd: dir });
    expect(text.stdout).toContain('2 ignored, 2 placeholders (--show-ignored lists them)');
    await writeFile(join(dir, 'app.env'), 'OPENAI_API_KEY=\n');
    expect((await runCli(['scan', '.'], { cwd: dir })).code).toBe(0);
  });

  it('do not block a commit, and the hook says why', async () => {
    const repo = await tempDir('keysweep-placeholder-hook-');
    await initRepo(repo);
    installHooks(repo, ['--pre-commit']);
    await writeFile(join(repo, 'README.md'), `OPENAI_API_KEY=${sequence}\n`);
    gitRun(repo, ['add', 'README.md']);
    expect(gitRun(repo, ['commit', '-m', 'docs']).code).toBe(0);
    await writeFile(join(repo, 'real.env'), `K=${fakeKey('admin', rng)}\nP=${repeated}\n`);
    gitRun(repo, ['add', 'real.env']);
    const blocked = gitRun(repo, ['commit', '-m', 'x']);
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain('1 placeholder did not block');
    expect(blocked.stderr).toContain('real.env:1');
    expect(blocked.stderr).not.toContain('real.env:2');
  });
});
