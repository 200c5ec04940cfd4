import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir, writeTree } from '../helpers/temp-dir.js';

const require = createRequire(import.meta.url);
// Both are CommonJS with a default export; require gives the runtime value that TypeScript's NodeNext typing expects.
const Ajv = (require('ajv-draft-04') as { default: typeof import('ajv-draft-04').default }).default;
const addFormats = (require('ajv-formats') as { default: typeof import('ajv-formats').default }).default;
// The official SARIF 2.1.0 schema (rtm.5, the OASIS standard), as Microsoft ships it for its SARIF matchers.
const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
// unicodeRegExp off: the schema's language-tag pattern is not valid under the u flag.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);
const rng = seededRng(14);

type Sarif = {
  runs: Array<{
    tool: { driver: { rules: Array<{ id: string; help: { text: string } }> } };
    results: Array<{ ruleId: string; message: { text: string }; partialFingerprints: Record<string, string>; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }> }>;
  }>;
};

async function sarifOf(root: string, extra: string[] = []): Promise<Sarif> {
  const { stdout, code } = await runCli(['scan', '--format', 'sarif', ...extra], { cwd: root });
  expect(code).toBe(1);
  return JSON.parse(stdout) as Sarif;
}

describe('SARIF output', () => {
  it('validates against the official SARIF 2.1.0 schema, for text and binary locations and ignored findings', async () => {
    const root = await tempDir();
    await writeTree(root, {
      'a b/config.env': `K=${fakeKey('admin', rng)}\n`,
      'x.py': `k = "${fakeKey('legacy', rng)}"  # keysweep:allow\nj = "${fakeKey('none', rng)}"\n`,
      'db.sqlite': Buffer.concat([Buffer.from([0, 0, 1]), Buffer.from(` ${fakeKey('svcacct-v2', rng)} `), Buffer.alloc(10)]),
    });
    for (const extra of [[], ['--show-ignored'], ['--show-secrets']]) {
      const sarif = await sarifOf(root, extra);
      const ok = validate(sarif);
      expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
      expect(ok).toBe(true);
    }
    const sarif = await sarifOf(root);
    // the validator really checks: a wrong version or a result without a message is refused
    expect(validate({ ...sarif, version: '2.0.0' })).toBe(false);
    expect(validate({ ...sarif, runs: [{ ...sarif.runs[0], results: [{ ruleId: 'x' }] }] })).toBe(false);
    const uris = sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri).sort();
    expect(uris).toEqual(['a%20b/config.env', 'db.sqlite', 'x.py']);
    const binary = sarif.runs[0]!.results.find((r) => r.locations[0]!.physicalLocation.artifactLocation.uri === 'db.sqlite')!;
    expect(binary.locations[0]!.physicalLocation.region).toEqual({ byteOffset: 4, byteLength: 167 });
    const admin = sarif.runs[0]!.tool.driver.rules.find((r) => r.id === 'openai-admin-key')!;
    expect(admin.help.text).toContain('https://platform.openai.com/settings/organization/admin-keys');
  });

  it('keeps partial fingerprints stable when lines move and across runs', async () => {
    const root = await tempDir();
    const key = fakeKey('project-v2', rng);
    await writeTree(root, { 'app.env': `K=${key}\n` });
    const before = (await sarifOf(root)).runs[0]!.results[0]!;
    await writeTree(root, { 'app.env': `# new header\n\n  K = "${key}"\n` });
    const after = (await sarifOf(root)).runs[0]!.results[0]!;
    expect(after.locations[0]!.physicalLocation.region.startLine).toBe(3);
    expect(after.partialFingerprints).toEqual(before.partialFingerprints);
    await writeTree(root, { 'other.env': `K=${key}\n` });
    const both = (await sarifOf(root)).runs[0]!.results;
    expect(new Set(both.map((r) => JSON.stringify(r.partialFingerprints))).size).toBe(2);
  });
});

describe('SARIF for history', () => {
  it('validates with commits, commit messages and unreachable blobs', async () => {
    const { commit, git, initRepo } = await import('../../fixtures/git-fixture.js');
    const repo = await tempDir();
    await initRepo(repo);
    await commit(repo, { 'a.env': `K=${fakeKey('admin', rng)}\n` }, 'add', 1);
    await commit(repo, {}, `note ${fakeKey('legacy', rng)}`, 2);
    await writeTree(repo, { 'staged.env': `K=${fakeKey('none', rng)}\n` });
    git(repo, ['add', 'staged.env']);
    git(repo, ['rm', '-q', '--cached', 'staged.env']);
    const { stdout, code } = await runCli(['history', '--unreachable', '--format', 'sarif'], { cwd: repo });
    expect(code).toBe(1);
    const sarif = JSON.parse(stdout) as Sarif;
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const uris = sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri).sort();
    expect(uris[0]).toBe('(commit%20message)');
    expect(uris[1]).toBe('a.env');
    expect(uris[2]).toMatch(/^git-blob\/[0-9a-f]{40}$/);
  });
});
