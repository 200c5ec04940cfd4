import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { initialSweepProgress, reduceSweepProgress } from '../../src/tui/sweep-progress-state.js';
import { BIN } from '../helpers/spawn-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { hasTmux, openTmuxTerminal } from '../helpers/tmux-terminal.js';

const rng = seededRng(98);

describe('the live sweep display', () => {
  it('its state follows the events: counts, repositories in flight, failures, verification', () => {
    let s = initialSweepProgress(0);
    s = reduceSweepProgress(s, { kind: 'start', total: 3, resumed: true, skipped: 1 });
    s = reduceSweepProgress(s, { kind: 'phase', identity: 'a', phase: 'cloning' });
    s = reduceSweepProgress(s, { kind: 'phase', identity: 'a', phase: 'cloning', detail: 'receiving 45%' });
    s = reduceSweepProgress(s, { kind: 'phase', identity: 'b', phase: 'scanning' });
    expect([...s.inFlight]).toEqual([['a', 'cloning (receiving 45%)'], ['b', 'scanning']]);
    s = reduceSweepProgress(s, { kind: 'repo', identity: 'a', outcome: 'failed', findings: 0, reason: 'x', done: 2, total: 3 });
    s = reduceSweepProgress(s, { kind: 'repo', identity: 'b', outcome: 'scanned', findings: 2, reason: null, done: 3, total: 3 });
    s = reduceSweepProgress(s, { kind: 'verify', keys: 2 });
    expect(s).toMatchObject({ total: 3, done: 3, resumed: true, skipped: 1, keys: 2, failed: 1, verifying: 2, last: 'b: scanned' });
    expect(s.inFlight.size).toBe(0);
  });

  // A real terminal: tmux runs the sweep on a pseudo-terminal and its screen is read back.
  it.runIf(hasTmux)('draws on a terminal (Ink), keeps standard output for the report, and plain lines without a terminal', async () => {
    const root = await tempDir();
    for (const name of ['one', 'two']) {
      await initRepo(join(root, name));
      await commit(join(root, name), { 'k.env': `K=${fakeKey('legacy', rng)}\n` }, name, 1);
    }
    await writeFile(join(root, 'repos.txt'), 'one\ntwo\nmissing\n');
    const term = openTmuxTerminal(`cd ${root} && NO_COLOR=1 ${process.execPath} ${BIN} sweep --repos repos.txt --cache-dir cache --format json -o report.json; echo "exit=$?"; sleep 30`, 120, 30);
    try {
      const screen = await term.waitFor('exit=');
      expect(screen).toContain('keysweep sweep: 3/3 repositories');
      expect(screen).toMatch(/keys so far 2 · failed 1 · \d+ repositories\/min/);
      expect(screen).toContain('exit=1');
    } finally {
      term.close();
    }
    const plain = spawnSync(process.execPath, [BIN, 'sweep', '--repos', 'repos.txt', '--cache-dir', 'cache2', '--format', 'json'], { cwd: root, encoding: 'utf8' });
    expect(plain.status).toBe(1);
    expect(plain.stderr).toContain('keysweep sweep: [3/3]');
    expect(plain.stderr).not.toContain('\u001b[');
    expect(JSON.parse(plain.stdout).repositories).toHaveLength(3);
  }, 240_000);
});
