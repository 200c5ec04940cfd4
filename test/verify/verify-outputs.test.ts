import { describe, expect, it } from 'vitest';
import { commit, git } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { type Profile, fakeOpenAI } from '../helpers/fake-openai.js';
import { gitRunAsync, installHooks, pushSetup } from '../helpers/push-repos.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir, writeTree } from '../helpers/temp-dir.js';

const rng = seededRng(55);

describe('verification and revocation steps in every output', () => {
  it('text, json, jsonl and sarif carry the verdict and the revocation steps; live keys come first; no key leaks', async () => {
    const [revoked, live, admin] = [fakeKey('legacy', rng), fakeKey('svcacct-v2', rng), fakeKey('admin', rng)];
    const server = await fakeOpenAI(new Map<string, Profile>([[revoked, 'revoked'], [live, 'live-all'], [admin, 'admin-revoked']]));
    const root = await tempDir();
    await writeTree(root, { 'a.env': `A=${revoked}\n`, 'b.env': `B=${admin}\n`, 'c.env': `C=${live}\n` });
    const env = { KEYSWEEP_OPENAI_BASE_URL: server.url, KEYSWEEP_CACHE_DIR: await tempDir() };
    const outputs: Record<string, string> = {};
    for (const format of ['text', 'json', 'jsonl', 'sarif']) {
      const { stdout, stderr } = await runCli(['scan', '--verify', '--format', format], { cwd: root, env });
      outputs[format] = stdout;
      for (const key of [revoked, live, admin]) expect(stdout + stderr).not.toContain(key);
    }
    const json = JSON.parse(outputs.json!) as { findings: Array<{ keyType: string; verification: { status: string }; remediation: { revokeUrl: string; apiRevocation: string | null; steps: string[] } }> };
    expect(json.findings.map((f) => [f.verification.status, f.keyType])).toEqual([['live', 'project'], ['revoked', 'admin'], ['revoked', 'project']]);
    expect(json.findings[2]!.remediation).toMatchObject({ revokeUrl: 'https://platform.openai.com/settings/organization/api-keys', apiRevocation: null });
    expect(json.findings[0]!.remediation.revokeUrl).toContain('/settings/proj_');
    for (const f of json.findings) expect(f.remediation.steps.length).toBeGreaterThanOrEqual(4);
    expect(outputs.text).toMatch(/verification: LIVE[^\n]*\n/);
    expect(outputs.text).toContain('admin API: GET https://api.openai.com/v1/organization/admin_api_keys');
    expect(outputs.text).toContain('then: create a least-privilege replacement');
    expect(outputs.jsonl!.split('\n')[0]).toContain('"verification"');
    const sarif = JSON.parse(outputs.sarif!) as { runs: Array<{ results: Array<{ message: { text: string }; properties: { verification: string } }>; tool: { driver: { rules: Array<{ help: { text: string } }> } } }> };
    expect(sarif.runs[0]!.results[0]!.message.text).toContain('Verification: live');
    expect(sarif.runs[0]!.results[0]!.properties.verification).toBe('live');
    expect(sarif.runs[0]!.tool.driver.rules.every((r) => /Revoke at https:\/\/platform\.openai\.com/.test(r.help.text))).toBe(true);
  });

  it('the pre-push hook verifies only when configured with --verify, and shows the verdict', async () => {
    const { local } = await pushSetup();
    const key = fakeKey('project-v2', rng);
    const server = await fakeOpenAI(new Map<string, Profile>([[key, 'live-all']]));
    await commit(local, { 'k.env': `K=${key}\n` }, 'leak', 2);
    const head = git(local, ['rev-parse', 'HEAD']).trim();
    const base = git(local, ['rev-parse', 'HEAD~1']).trim();
    const input = `refs/heads/main ${head} refs/heads/main ${base}\n`;
    const env = { KEYSWEEP_OPENAI_BASE_URL: server.url, KEYSWEEP_CACHE_DIR: await tempDir() };
    const plain = await runCli(['hook', 'pre-push', 'origin', 'url'], { cwd: local, env, stdin: input });
    expect(plain.code).toBe(1);
    expect(server.requests).toHaveLength(0);
    const verified = await runCli(['hook', 'pre-push', 'origin', 'url', '--verify'], { cwd: local, env, stdin: input });
    expect(verified.code).toBe(1);
    expect(verified.stderr).toContain('verified: live');
    expect(verified.stderr).toContain('/settings/proj_Abc123def456ghi789jkl012/api-keys');
    expect(server.requests).toHaveLength(1);

    // Installed with --verify, the hook verifies on every real git push.
    expect(installHooks(local, ['--verify']).status).toBe(0);
    const push = await gitRunAsync(local, ['push', 'origin', 'main'], env);
    expect(push.code).not.toBe(0);
    expect(push.stderr).toContain('verified: live');
    expect(server.requests.length).toBeGreaterThanOrEqual(1);
  });
});
