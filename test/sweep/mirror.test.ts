import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { type MirrorPhase, mirrorRepository } from '../../src/sweep/mirror.js';
import { parseRepoList } from '../../src/sweep/repo-list.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('mirrors of remote repositories', () => {
  it('clones a mirror once, then fetches it with prune', async () => {
    const root = await tempDir();
    const origin = join(root, 'origin');
    await initRepo(origin);
    const first = await commit(origin, { 'a.txt': 'a\n' }, 'one', 1);
    const cacheDir = join(root, 'cache');
    const url = `file://${origin}`;
    const phases: MirrorPhase[] = [];
    const cloned = await mirrorRepository({ url, identity: url, cacheDir, timeoutMs: 20_000, env: process.env, onPhase: (p) => phases.push(p) });
    expect(cloned.action).toBe('cloned');
    // git's own progress, as simple-git parses it, feeds the display: the phase first, then stages with percentages.
    expect(phases[0]).toEqual({ phase: 'cloning', stage: null, percent: null });
    expect(phases.some((p) => p.phase === 'cloning' && (p.stage === 'receiving' || p.stage === 'remote') && typeof p.percent === 'number' && p.percent > 0)).toBe(true);
    expect(phases.every((p) => p.phase === 'cloning')).toBe(true);
    expect(git(cloned.path, ['rev-parse', 'refs/heads/main']).trim()).toBe(first);
    const second = await commit(origin, { 'b.txt': 'b\n' }, 'two', 2);
    git(origin, ['branch', 'gone']);
    await mirrorRepository({ url, identity: url, cacheDir, timeoutMs: 20_000, env: process.env });
    git(origin, ['branch', '-D', 'gone']);
    const fetchPhases: MirrorPhase[] = [];
    const fetched = await mirrorRepository({ url, identity: url, cacheDir, timeoutMs: 20_000, env: process.env, onPhase: (p) => fetchPhases.push(p) });
    expect(fetchPhases[0]).toEqual({ phase: 'fetching', stage: null, percent: null });
    expect(fetched).toEqual({ path: cloned.path, action: 'fetched' });
    expect(git(fetched.path, ['rev-parse', 'refs/heads/main']).trim()).toBe(second);
    expect(git(fetched.path, ['for-each-ref', '--format=%(refname)'])).not.toContain('refs/heads/gone');
    // A clone killed halfway (no completion mark) is made again, never fetched into as if it were whole.
    const { rm } = await import('node:fs/promises');
    await rm(join(cloned.path, 'keysweep-mirror-complete'));
    git(cloned.path, ['update-ref', '-d', 'refs/heads/main']);
    const remade = await mirrorRepository({ url, identity: url, cacheDir, timeoutMs: 20_000, env: process.env });
    expect(remade.action).toBe('cloned');
    expect(git(remade.path, ['rev-parse', 'refs/heads/main']).trim()).toBe(second);
  });

  it('never writes credentials from the list into the mirror', async () => {
    const { readFile } = await import('node:fs/promises');
    const root = await tempDir();
    const origin = join(root, 'origin');
    await initRepo(origin);
    await commit(origin, { 'a.txt': 'a\n' }, 'one', 1);
    const url = `file://${origin}`;
    const mirror = await mirrorRepository({ url, identity: url, cacheDir: join(root, 'cache'), timeoutMs: 20_000, env: process.env });
    expect(await readFile(join(mirror.path, 'config'), 'utf8')).toContain(`url = ${url}`);
    const { withoutCredentials } = await import('../../src/sweep/repo-list.js');
    expect(withoutCredentials('https://alice:tok%2Fabc@example.test/r.git')).toBe('https://example.test/r.git');
    expect(withoutCredentials('http://alice:p@ssw0rd@127.0.0.1:8080/r.git')).toBe('http://127.0.0.1:8080/r.git');
    expect(withoutCredentials('https://example.test/r.git')).toBe('https://example.test/r.git');
  });

  it('refuses remote helpers and option-like entries before git runs, and git refuses other transports', async () => {
    const root = await tempDir();
    const canaries = await tempDir();
    const { entries, errors } = parseRepoList(`# a list\next::sh -c touch% ${join(canaries, 'ext')}\n--upload-pack=touch ${join(canaries, 'up')}\nfd::3\nhttps://user:secret@example.test/r.git\n./local\n\n`, root);
    expect(errors).toEqual([
      'line 2: "ext::" remote helpers are refused: they run commands',
      'line 3: a repository cannot start with "-"',
      'line 4: "fd::" remote helpers are refused: they run commands',
    ]);
    expect(entries).toEqual([
      { kind: 'url', identity: 'https://example.test/r.git', url: 'https://user:secret@example.test/r.git' },
      { kind: 'path', identity: join(root, 'local'), path: join(root, 'local') },
    ]);
    // Even a URL that reached the mirror step directly cannot use ext::: simple-git's guard or git's allow-list stops it.
    await expect(mirrorRepository({ url: `ext::sh -c touch% ${join(canaries, 'direct')}`, identity: 'x', cacheDir: join(root, 'cache'), timeoutMs: 20_000, env: process.env })).rejects.toThrow();
    expect(await readdir(canaries)).toEqual([]);
    expect(existsSync(join(root, 'cache', 'mirrors'))).toBe(true);
  });
});
