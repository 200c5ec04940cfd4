import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir, writeTree } from '../helpers/temp-dir.js';

const rng = seededRng(15);

type Report = {
  findings: Array<{ secretSha256: string; locations: Array<{ path: string; suppressed?: string }> }>;
  ignored?: Array<{ secretSha256: string; suppressed: string }>;
  stats: { findings: number; ignoredFindings: number };
};
const json = async (cwd: string, args: string[] = []) => {
  const r = await runCli(['scan', '--format', 'json', ...args], { cwd });
  return { code: r.code, report: (r.stdout ? JSON.parse(r.stdout) : null) as Report, stderr: r.stderr };
};

describe('suppression', () => {
  it('an inline keysweep:allow comment suppresses the key on that line only, and is counted', async () => {
    const root = await tempDir();
    const allowed = fakeKey('legacy', rng);
    const both = fakeKey('project-v1', rng);
    await writeTree(root, {
      'test.py': `A = "${allowed}"  # keysweep:allow\nB = "${both}"  # keysweep:allow\n`,
      'prod.py': `B = "${both}"\n`,
    });
    const { code, report } = await json(root);
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.secretSha256)).toEqual([secretSha256(both)]);
    expect(report.findings[0]!.locations).toEqual([
      expect.objectContaining({ path: 'prod.py' }),
      expect.objectContaining({ path: 'test.py', suppressed: 'allow-comment' }),
    ]);
    expect(report.stats.ignoredFindings).toBe(1);
    expect(report.ignored).toBeUndefined();
    const shown = await json(root, ['--show-ignored']);
    expect(shown.report.ignored).toEqual([expect.objectContaining({ secretSha256: secretSha256(allowed), suppressed: 'allow-comment' })]);
  });

  it('.keysweepignore takes secret hashes and path globs; the text summary counts what it hid', async () => {
    const root = await tempDir();
    const byHash = fakeKey('admin', rng);
    const byPath = fakeKey('none', rng);
    const kept = fakeKey('svcacct-v1', rng);
    await writeTree(root, {
      '.keysweepignore': `# reviewed\n${secretSha256(byHash)}\nfixtures/**\n`,
      'config.env': `A=${byHash}\nK=${kept}\n`,
      'fixtures/sample.json': `{"k":"${byPath}"}`,
    });
    const { report } = await json(root);
    expect(report.findings.map((f) => f.secretSha256)).toEqual([secretSha256(kept)]);
    expect(report.stats.ignoredFindings).toBe(2);
    const text = await runCli(['scan'], { cwd: root });
    expect(text.stdout).toContain('2 ignored (--show-ignored lists them)');
    const shown = await json(root, ['--show-ignored']);
    expect(shown.report.ignored!.map((f) => f.suppressed).sort()).toEqual(['ignore-file-path', 'ignore-file-secret']);
  });

  it('--ignore-file adds entries from another file', async () => {
    const root = await tempDir();
    const key = fakeKey('project-58', rng);
    await writeTree(root, { 'a.env': `K=${key}\n`, 'rules.txt': `${secretSha256(key)}\n` });
    expect((await json(root, ['--ignore-file', 'rules.txt'])).code).toBe(0);
    expect((await json(root, ['--ignore-file', 'missing.txt'])).code).toBe(2);
  });

  it('--baseline drops findings already in an earlier JSON report and reports new ones', async () => {
    const root = await tempDir();
    const old = fakeKey('project-v2', rng);
    await writeTree(root, { 'a.env': `K=${old}\n` });
    const first = await runCli(['scan', '--format', 'json', '-o', 'baseline.json'], { cwd: root });
    expect(first.code).toBe(1);
    expect((await json(root, ['--baseline', 'baseline.json'])).code).toBe(0);
    const fresh = fakeKey('project-v2', rng);
    await writeTree(root, { 'b.env': `K=${fresh}\n` });
    const { code, report } = await json(root, ['--baseline', 'baseline.json']);
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.secretSha256)).toEqual([secretSha256(fresh)]);
    expect(report.stats.ignoredFindings).toBe(1);
  });

  it('refuses a baseline that is not a keysweep JSON report', async () => {
    const root = await tempDir();
    await writeFile(join(root, 'bad.json'), '{"hello": 1}');
    await writeFile(join(root, 'a.txt'), 'x');
    const { code, stderr } = await json(root, ['--baseline', 'bad.json']);
    expect(code).toBe(2);
    expect(stderr).toContain('not a keysweep JSON report');
  });
});
