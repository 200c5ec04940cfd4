import { execFileSync } from 'node:child_process';
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { runCli } from '../helpers/run-cli.js';
import { spawnCli } from '../helpers/spawn-cli.js';
import { tempDir, writeTree } from '../helpers/temp-dir.js';

const rng = seededRng(11);
const key = () => fakeKey('project-v2', rng);

type JsonReport = {
  findings: Array<{ locations: Array<{ path: string }> }>;
  stats: { filesScanned: number; skipped: Record<string, number>; problems: number };
  problems: Array<{ path: string; code: string }>;
};

async function scanJson(cwd: string, args: string[] = []) {
  const result = await runCli(['scan', '--format', 'json', ...args], { cwd });
  return { ...result, report: JSON.parse(result.stdout) as JsonReport };
}
const pathsOf = (report: JsonReport) => report.findings.flatMap((f) => f.locations.map((l) => l.path)).sort();

describe('walking a working tree', () => {
  it('honours nested .gitignore files with negation, includes dotfiles and skips .git/', async () => {
    const root = await tempDir();
    await writeTree(root, {
      '.gitignore': 'logs/\n*.secret\n',
      '.env': `A=${key()}\n`,
      'app/.gitignore': '!keep.secret\n',
      'app/keep.secret': `${key()}\n`,
      'app/drop.secret': `${key()}\n`,
      'logs/run.txt': `${key()}\n`,
      '.git/config': `${key()}\n`,
      'src/main.py': `k = "${key()}"\n`,
    });
    const { code, report } = await scanJson(root);
    expect(code).toBe(1);
    expect(pathsOf(report)).toEqual(['.env', 'app/keep.secret', 'src/main.py']);
    expect(report.stats.skipped.gitignored).toBe(2); // logs/ and app/drop.secret
  });

  it('scans ignored files with --no-ignore, but never .git/', async () => {
    const root = await tempDir();
    await writeTree(root, { '.gitignore': 'build/\n', 'build/out.js': `${key()}\n`, '.git/HEAD': `${key()}\n` });
    const { report } = await scanJson(root, ['--no-ignore']);
    expect(pathsOf(report)).toEqual(['build/out.js']);
  });

  it('honours .git/info/exclude', async () => {
    const root = await tempDir();
    await writeTree(root, { '.git/info/exclude': 'local.env\n', 'local.env': `${key()}\n`, 'app.env': `${key()}\n` });
    expect(pathsOf((await scanJson(root)).report)).toEqual(['app.env']);
  });

  it('never follows symlinks, so it cannot leave the root or loop', async () => {
    const outside = await tempDir();
    await writeTree(outside, { 'secret.env': `${key()}\n` });
    const root = await tempDir();
    await writeTree(root, { 'inside.env': `${key()}\n` });
    await symlink(join(outside, 'secret.env'), join(root, 'link.env'));
    await symlink(outside, join(root, 'outside-dir'));
    await symlink(root, join(root, 'loop'));
    const { report } = await scanJson(root);
    expect(pathsOf(report)).toEqual(['inside.env']);
    expect(report.stats.skipped.symlink).toBe(3);
  });

  it('skips FIFOs instead of blocking on them', async () => {
    const root = await tempDir();
    await writeTree(root, { 'a.env': `${key()}\n` });
    execFileSync('mkfifo', [join(root, 'pipe')]);
    const { report } = await scanJson(root);
    expect(report.stats.skipped['special-file']).toBe(1);
    expect(pathsOf(report)).toEqual(['a.env']);
  });

  it('skips files over --max-file-size with a counted reason', async () => {
    const root = await tempDir();
    await writeTree(root, { 'big.txt': `${'x'.repeat(2048)}\n${key()}\n`, 'small.env': `${key()}\n` });
    const { report } = await scanJson(root, ['--max-file-size', '1KiB']);
    expect(pathsOf(report)).toEqual(['small.env']);
    expect(report.stats.skipped['too-large']).toBe(1);
  });

  it('reports an unreadable file as a problem and goes on', async () => {
    const root = await tempDir();
    await chmod(root, 0o755);
    await writeTree(root, { 'locked.env': `${key()}\n`, 'open.env': `${key()}\n` });
    await chmod(join(root, 'locked.env'), 0o000);
    await mkdir(join(root, 'locked-dir'));
    await writeFile(join(root, 'locked-dir', 'x.env'), `${key()}\n`);
    await chmod(join(root, 'locked-dir'), 0o000);
    // As root every file is readable: run as an unprivileged user, as a real user would be.
    const asUser = process.getuid?.() === 0 ? 'nobody' : undefined;
    const result = spawnCli(['scan', '--format', 'json', '.'], { cwd: root, ...(asUser ? { asUser } : {}) });
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(result.code).toBe(1);
    expect(pathsOf(report)).toEqual(['open.env']);
    expect(report.problems.map((p) => [p.path, p.code]).sort()).toEqual([
      ['locked-dir', 'EACCES'],
      ['locked.env', 'EACCES'],
    ]);
    expect(report.stats.problems).toBe(2);
  });

  it('shows paths under the root as the user named it', async () => {
    const root = await tempDir();
    await writeTree(root, { 'proj/conf/a.env': `${key()}\n` });
    expect(pathsOf((await scanJson(root, ['proj'])).report)).toEqual(['proj/conf/a.env']);
    expect(pathsOf((await scanJson(root, ['proj/conf/a.env'])).report)).toEqual(['proj/conf/a.env']);
  });
});

describe('a symlink named on the command line', () => {
  it('is followed (the user asked for it), while links inside it are not', async () => {
    const real = await tempDir();
    await writeTree(real, { 'a.env': `${key()}\n` });
    const outside = await tempDir();
    await writeTree(outside, { 'b.env': `${key()}\n` });
    await symlink(outside, join(real, 'out'));
    const root = await tempDir();
    await symlink(real, join(root, 'project'));
    const { code, report } = await scanJson(root, ['project']);
    expect(code).toBe(1);
    expect(pathsOf(report)).toEqual(['project/a.env']);
    expect(report.stats.skipped.symlink).toBe(1);
  });
});
