import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { type Profile, fakeOpenAI } from '../helpers/fake-openai.js';
import { gitRun, installHooks } from '../helpers/push-repos.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(351);
type Json = { findings: Array<{ secretSha256: string; confidence: string; keyType: string; locations: Array<{ path: string; line: number; column: number; assembled?: boolean }>; verification?: { status: string } }> };

describe('keys written in pieces, from real files', () => {
  it('scan and history join them, report "assembled": true with the confidence of the joined length, and verify reads them back', async () => {
    const repo = await tempDir('keysweep-split-');
    await initRepo(repo);
    const admin = fakeKey('admin', rng);
    const project = fakeKey('project-v2', rng);
    // An odd length: a real marker and sides, but no length OpenAI issues.
    const odd = `${project.slice(0, -3)}`;
    const js = `const key =\n  "${admin.slice(0, 60)}" +\n  "${admin.slice(60)}";\n`;
    const py = `KEY = ("${project.slice(0, 90)}"\n       "${project.slice(90)}")\n`;
    const sh = `export K=${odd.slice(0, 50)}\\\n${odd.slice(50)}\n`;
    await commit(repo, { 'src/client.js': js, 'settings.py': py, 'deploy.sh': sh }, 'add', 1);
    for (const args of [['scan', '.'], ['history']]) {
      const run = await runCli([...args, '--format', 'json', '-o', 'r.json'], { cwd: repo });
      expect(run.code, run.stderr).toBe(1);
      const report = JSON.parse(await readFile(join(repo, 'r.json'), 'utf8')) as Json;
      const rows = report.findings.map((f) => [f.secretSha256, f.keyType, f.confidence, f.locations[0]!.path, f.locations[0]!.line, f.locations[0]!.column, f.locations[0]!.assembled]);
      expect(rows).toEqual([
        [secretSha256(admin), 'admin', 'high', 'src/client.js', 2, 4, true],
        [secretSha256(odd), 'project', 'low', 'deploy.sh', 1, 10, true],
        [secretSha256(project), 'project', 'high', 'settings.py', 1, 9, true],
      ]);
      const raw = await readFile(join(repo, 'r.json'), 'utf8');
      for (const key of [admin, project, odd]) expect(raw).not.toContain(key);
    }
    const server = await fakeOpenAI(new Map<string, Profile>([[admin, 'admin-live'], [project, 'live-all'], [odd, 'revoked']]));
    const verified = await runCli(['verify', 'r.json', '--format', 'json'], { cwd: repo, env: { KEYSWEEP_OPENAI_BASE_URL: server.url, KEYSWEEP_CACHE_DIR: await tempDir() } });
    const statuses = new Map((JSON.parse(verified.stdout) as Json).findings.map((f) => [f.secretSha256, f.verification?.status]));
    expect([statuses.get(secretSha256(admin)), statuses.get(secretSha256(project)), statuses.get(secretSha256(odd))]).toEqual(['live', 'live', 'revoked']);
  });

  it('the pre-commit hook blocks a key split over two lines', async () => {
    const repo = await tempDir('keysweep-split-hook-');
    await initRepo(repo);
    installHooks(repo, ['--pre-commit']);
    const key = fakeKey('svcacct-v2', rng);
    await writeFile(join(repo, 'config.php'), `<?php\n$key = '${key.slice(0, 100)}' .\n  '${key.slice(100)}';\n`);
    gitRun(repo, ['add', 'config.php']);
    const blocked = gitRun(repo, ['commit', '-m', 'x']);
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain('config.php:2');
    expect(blocked.stderr).not.toContain(key);
  });
});
