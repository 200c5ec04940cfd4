import { describe, expect, it } from 'vitest';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir, writeTree } from '../helpers/temp-dir.js';

const rng = seededRng(12);

describe('exit codes', () => {
  it('is 0 for a clean tree, with a summary that says what was scanned', async () => {
    const root = await tempDir();
    await writeTree(root, { 'a.txt': 'hello\n', 'b.md': '# nothing here\n' });
    const { code, stdout } = await runCli(['scan', '.'], { cwd: root });
    expect(code).toBe(0);
    expect(stdout).toMatch(/no findings · scanned 2 files/);
  });

  it('is 1 when a key is found', async () => {
    const root = await tempDir();
    await writeTree(root, { 'a.env': `K=${fakeKey('legacy', rng)}\n` });
    expect((await runCli(['scan'], { cwd: root })).code).toBe(1);
  });

  it('is 2 for a path that does not exist', async () => {
    const root = await tempDir();
    const { code, stderr } = await runCli(['scan', 'nope'], { cwd: root });
    expect(code).toBe(2);
    expect(stderr).toContain('cannot read nope: ENOENT');
  });

  it('is 2 when nothing was scanned, never a clean result', async () => {
    const root = await tempDir();
    const empty = await runCli(['scan', '.'], { cwd: root });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('nothing was scanned');
    await writeTree(root, { '.gitignore': '*.env\n', 'only.env': 'x\n' });
    const ignoredOnly = await runCli(['scan', '.', '--no-ignore'], { cwd: root });
    expect(ignoredOnly.code).toBe(0);
    await writeTree(root, { '.gitignore': '*\n' });
    const allIgnored = await runCli(['scan', '.'], { cwd: root });
    expect(allIgnored.code).toBe(2);
    expect(allIgnored.stderr).toMatch(/nothing was scanned \(skipped: \d+ gitignored\)/);
  });

  it('is 2 for unknown flags and bad values, with a pointer to --help', async () => {
    const root = await tempDir();
    for (const args of [['scan', '--frobnicate'], ['scan', '--format', 'xml'], ['scan', '--max-file-size', 'big'], ['nonsense']]) {
      const { code, stderr } = await runCli(args, { cwd: root });
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toContain('keysweep --help');
    }
  });

  it('reads standard input with -', async () => {
    const root = await tempDir();
    const key = fakeKey('admin', rng);
    const { code, stdout } = await runCli(['scan', '-', '--format', 'json'], { cwd: root, stdin: `line\nADMIN=${key}\n` });
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.findings[0]).toMatchObject({ keyType: 'admin', format: 'admin', locations: [{ source: 'stdin', path: null, line: 2, column: 7 }] });
    expect((await runCli(['scan', '-'], { cwd: root, stdin: 'clean\n' })).code).toBe(0);
  });
});
