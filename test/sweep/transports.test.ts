import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { gitDaemon, gitHttpBackend } from '../helpers/git-servers.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(97);

describe('sweeps over real git transports on loopback', () => {
  it('mirrors from git daemon (git://) and git http-backend (smart HTTP), then fetches only what is new', async () => {
    const root = await tempDir();
    const served = join(root, 'served');
    const keys = { daemon: fakeKey('project-v2', rng), http: fakeKey('svcacct-v2', rng) };
    for (const name of ['daemon', 'http'] as const) {
      const work = join(root, 'work', name);
      await initRepo(work);
      await commit(work, { 'k.env': `K=${keys[name]}\n` }, name, 1);
      git(root, ['clone', '-q', '--bare', work, join(served, `${name}.git`)]);
    }
    const daemon = await gitDaemon(served);
    const http = await gitHttpBackend(served);
    await writeFile(join(root, 'repos.txt'), `${daemon}/daemon.git\n${http}/http.git\n`);
    const sweep = () => runCli(['sweep', '--repos', 'repos.txt', '--cache-dir', 'cache', '--format', 'json', '--quiet'], { cwd: root });
    const first = await sweep();
    expect(first.code, first.stderr).toBe(1);
    const report = JSON.parse(first.stdout) as { findings: Array<{ secretSha256: string }>; repositories: Array<{ repository: string; status: string }> };
    expect(report.findings.map((f) => f.secretSha256).sort()).toEqual([secretSha256(keys.daemon), secretSha256(keys.http)].sort());
    expect(report.repositories.map((r) => r.status)).toEqual(['scanned', 'scanned']);
    // A new commit on the server: the next sweep fetches it over the same transport and scans only it.
    const fresh = fakeKey('none', rng);
    const work = join(root, 'work', 'http');
    await commit(work, { 'new.env': `K=${fresh}\n` }, 'new', 2);
    git(work, ['push', '-q', join(served, 'http.git'), 'HEAD:main']);
    const second = JSON.parse((await sweep()).stdout) as { findings: Array<{ secretSha256: string }>; repositories: Array<{ repository: string; status: string; scope: string }> };
    expect(second.repositories.map((r) => [r.repository.startsWith(daemon) ? 'daemon' : 'http', r.status])).toEqual([
      ['daemon', 'unchanged'],
      ['http', 'scanned'],
    ]);
    expect(second.repositories[1]!.scope).toBe('new since the last sweep');
    expect(second.findings.map((f) => f.secretSha256)).toContain(secretSha256(fresh));
  }, 30_000);
});
