import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(121);

type JsonReport = {
  findings: Array<{ locations: Array<{ path: string }> }>;
  stats: { filesScanned: number; skipped: Record<string, number>; problems: number };
  problems: Array<{ path: string }>;
};

/** A name as bytes: text parts are UTF-8, numbers are raw bytes (so a name can hold what UTF-8 cannot). */
const bytes = (...parts: Array<string | number>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from([p]))));
const under = (dir: string, ...names: Buffer[]) => Buffer.concat([Buffer.from(dir), ...names.flatMap((n) => [Buffer.from('/'), n])]);

async function scanJson(cwd: string, args: string[] = []) {
  const run = await runCli(['scan', '--format', 'json', ...args], { cwd });
  return { ...run, report: JSON.parse(run.stdout) as JsonReport };
}
const pathsOf = (report: JsonReport) => report.findings.flatMap((f) => f.locations.map((l) => l.path)).sort();

describe('file names that are not valid UTF-8', () => {
  it('a key in a file so named, in a directory so named, is found and its path shown escaped', async () => {
    const root = await tempDir();
    // 0xe9 is a latin-1 é, 0xff is never UTF-8, 0xe2 0x28 0xa1 is a broken three-byte sequence.
    await mkdir(under(root, bytes('z', 0xe9, 'p')));
    await writeFile(under(root, bytes('z', 0xe9, 'p'), bytes('k', 0xff, 0xe2, '(', 0xa1, '.env')), `K=${fakeKey('project-v2', rng)}\n`);
    // Enough files before it that a scan with threads walks past the single-thread head and shares with workers.
    await mkdir(join(root, 'fill'));
    for (let i = 0; i < 200; i++) await writeFile(join(root, 'fill', `f${i}.txt`), 'nothing here\n');
    for (const threads of ['1', '2']) {
      const { code, report, stderr } = await scanJson(root, ['--threads', threads]);
      expect(code, stderr).toBe(1);
      expect(report.problems).toEqual([]);
      expect(report.stats.filesScanned).toBe(201);
      expect(pathsOf(report)).toEqual(['z\\xe9p/k\\xff\\xe2(\\xa1.env']);
    }
    const text = await runCli(['scan'], { cwd: root });
    expect(text.stdout + text.stderr).toContain('z\\xe9p/k\\xff\\xe2(\\xa1.env');
  });

  it('two names that differ only in bytes that are not UTF-8, or by an escape-like backslash, show distinct paths', async () => {
    const root = await tempDir();
    const key = fakeKey('legacy', rng);
    // The last name holds a real backslash followed by "xff": escaped, it must not read as the byte 0xff.
    for (const name of [bytes('k', 0xfe, '.env'), bytes('k', 0xff, '.env'), bytes('k', 0xe9, 0xff, '.env'), bytes('k', 0xe9, '\\xff.env')]) {
      await writeFile(under(root, name), `K=${key}\n`);
    }
    const { code, report } = await scanJson(root);
    expect(code).toBe(1);
    expect(pathsOf(report)).toEqual(['k\\xe9\\\\xff.env', 'k\\xe9\\xff.env', 'k\\xfe.env', 'k\\xff.env']);
  });

  it('valid UTF-8 names, non-ASCII or with a backslash, show exactly as themselves', async () => {
    const root = await tempDir();
    const key = fakeKey('admin', rng);
    // U+FFFD written as UTF-8 is a valid name too, though it is what a lossy decode leaves.
    for (const name of ['café.env', 'a\\xff.env', '日本/键.env', 'emoji-🔑.env', 'r\ufffd.env']) {
      await mkdir(join(root, name, '..'), { recursive: true });
      await writeFile(join(root, name), `K=${key}\n`);
    }
    const { code, report } = await scanJson(root);
    expect(code).toBe(1);
    expect(pathsOf(report)).toEqual(['a\\xff.env', 'café.env', 'emoji-🔑.env', 'r\ufffd.env', '日本/键.env']);
  });

  it('gitignore rules apply to such names by their bytes, as git applies them, and nothing throws', async () => {
    const root = await tempDir();
    // A raw byte in a pattern matches the same byte in a name; the escaped form reports show (\\xff) is never matched.
    await writeFile(join(root, '.gitignore'), bytes('*.log\nbuild*/\nb', 0xff, '.env\n*xff*\n'));
    await mkdir(under(root, bytes('build', 0xff)));
    await writeFile(under(root, bytes('build', 0xff), bytes('x.env')), `K=${fakeKey('none', rng)}\n`);
    await writeFile(under(root, bytes('a', 0xff, '.log')), `K=${fakeKey('none', rng)}\n`);
    await writeFile(under(root, bytes('b', 0xff, '.env')), `K=${fakeKey('none', rng)}\n`);
    await writeFile(under(root, bytes('c', 0xff, '.env')), `K=${fakeKey('none', rng)}\n`);
    const { code, report } = await scanJson(root);
    expect(code).toBe(1);
    expect(pathsOf(report)).toEqual(['c\\xff.env']);
    expect(report.stats.skipped.gitignored).toBe(3);
    const all = await scanJson(root, ['--no-ignore']);
    expect(pathsOf(all.report)).toEqual(['a\\xff.log', 'b\\xff.env', 'build\\xff/x.env', 'c\\xff.env']);
  });
});
