import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(31);

type Loc = { path: string | null; commit?: string; author?: string; email?: string; date?: string; message?: string; inHead?: boolean; unreachable?: boolean; line: number | null };
type Report = { findings: Array<{ secretSha256: string; keyType: string; locations: Loc[] }>; stats: { git: Record<string, unknown> } };

async function history(cwd: string, args: string[] = []) {
  const r = await runCli(['history', '--format', 'json', ...args], { cwd });
  return { ...r, report: (r.stdout ? JSON.parse(r.stdout) : null) as Report };
}
const bySecret = (report: Report, secret: string) => report.findings.find((f) => f.secretSha256 === secretSha256(secret));

describe('keysweep history', () => {
  it('finds a key in a deleted file, attributed to the commit that introduced it, not in HEAD', async () => {
    const repo = await tempDir();
    await initRepo(repo);
    const key = fakeKey('project-v2', rng);
    await commit(repo, { 'README.md': '# app\n' }, 'initial', 1);
    const introduced = await commit(repo, { 'config/.env': `A=1\nOPENAI_API_KEY=${key}\n` }, 'add env config', 2);
    await commit(repo, { 'config/.env': null }, 'remove secrets', 3);
    const { code, report } = await history(repo);
    expect(code).toBe(1);
    const finding = bySecret(report, key)!;
    expect(finding.locations).toEqual([
      expect.objectContaining({ path: 'config/.env', line: 2, commit: introduced, author: 'Dana Developer', email: 'dana@example.test', message: 'add env config', inHead: false }),
    ]);
    expect(report.stats.git).toMatchObject({ refs: 1, commits: 3, scope: 'all refs', shallow: false, bare: false });
  });
});
