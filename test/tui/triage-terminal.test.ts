import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { KEY_HELP } from '../../src/tui/triage-keys.js';
import { TRIAGE_HELP } from '../../src/cli/triage-help-text.js';
import { BIN } from '../helpers/spawn-cli.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { hasTmux, openTmuxTerminal } from '../helpers/tmux-terminal.js';

const rng = seededRng(305);

describe('keysweep triage in a real terminal', () => {
  // tmux gives the command a pseudo-terminal; its screen is read back with capture-pane.
  it.runIf(hasTmux)('scans a repository, takes a decision from the keyboard, saves it to .keysweepignore, and scan honours it', async () => {
    const repo = await tempDir('keysweep-tmux-triage-');
    await initRepo(repo);
    git(repo, ['config', 'user.name', 'Tess Triager']);
    git(repo, ['config', 'user.email', 'tess@example.test']);
    const admin = fakeKey('admin', rng);
    const project = fakeKey('project-v2', rng);
    await commit(repo, { 'ops/admin.env': `ADMIN=${admin}\n`, 'tests/fixture.env': `K=${project}\n` }, 'keys', 1);
    // CI=true: a CI variable inherited by the terminal must not freeze Ink on its first frame.
    const term = openTmuxTerminal(`cd ${repo} && CI=true NO_COLOR=1 ${process.execPath} ${BIN} triage; echo "exit=$?"; sleep 30`, 80, 24);
    try {
      await term.waitFor('keysweep triage · history of . · 2 keys');
      expect(term.screen()).toContain('not verified 2');
      expect(term.screen()).not.toContain(admin);
      // The admin key is first (severity); j moves to the project key in tests/, Enter shows its detail.
      await term.keys('j', 'Enter');
      await term.waitFor('tests/fixture.env:1:3');
      expect(term.screen()).toContain('revoke: https://platform.openai.com/api-keys');
      expect(term.screen()).not.toContain(project);
      await term.keys('Escape', 't');
      await term.waitFor('used-in-tests saved for 1 key(s)');
      await term.keys('q');
      await term.waitFor('exit=0');
    } finally {
      term.close();
    }
    const file = await readFile(join(repo, '.keysweepignore'), 'utf8');
    expect(file).toMatch(new RegExp(`^${secretSha256(project)} used-in-tests # Tess Triager <tess@example.test>, .*: marked used in tests in triage\\n$`));
    const scan = await runCli(['scan', '.', '--format', 'json'], { cwd: repo });
    expect(scan.code).toBe(1);
    expect((JSON.parse(scan.stdout) as { findings: Array<{ secretSha256: string }> }).findings.map((f) => f.secretSha256)).toEqual([secretSha256(admin)]);
  }, 240_000);

  it('without a terminal says so in one line, points to --format, and exits 2', async () => {
    const repo = await tempDir();
    const run = await runCli(['triage', '.'], { cwd: repo });
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('keysweep: triage needs a terminal; for files and pipes use --format json|jsonl|sarif with scan, history or report');
  });

  it('--help lists every key the UI answers to', () => {
    for (const [key, what] of KEY_HELP) expect(TRIAGE_HELP).toContain(`${key.padEnd(11)} ${what}`);
  });
});
