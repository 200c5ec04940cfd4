import { spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Rng, seededRng } from '../../fixtures/random.js';
import { MAX_GLOB_STEPS, MAX_RULES } from '../../src/sources/gitignore-pattern.js';
import { MAX_GITIGNORE_BYTES, walkTree } from '../../src/sources/walk-tree.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * keysweep's .gitignore matching against git's own: in a fresh repository nothing is tracked, so
 * `git ls-files --others --exclude-standard` lists exactly the files git does not ignore. Both must list
 * the same files, for hand-picked rules that exercise each part of git's syntax and for random ones.
 */
function gitView(root: string): string[] {
  // No user or system configuration: core.excludesFile must not add rules of this machine.
  const env = { PATH: process.env.PATH, HOME: root, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
  const out = spawnSync('git', ['-c', 'core.quotePath=false', 'ls-files', '--others', '--exclude-standard', '-z'], { cwd: root, env, encoding: 'latin1' });
  expect(out.status, out.stderr).toBe(0);
  return out.stdout.split('\0').filter((p) => p !== '').map((p) => Buffer.from(p, 'latin1').toString('utf8')).sort();
}

function keysweepView(root: string): string[] {
  const files: string[] = [];
  for (const event of walkTree(root, '.', { gitignore: true })) if (event.kind === 'file') files.push(event.path);
  return files.sort();
}

async function repoWith(files: Record<string, string>): Promise<string> {
  const root = await tempDir();
  expect(spawnSync('git', ['init', '-q', root]).status).toBe(0);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), Buffer.from(content, 'latin1'));
  }
  return root;
}

/** A tree of every name the rules below play with, at three depths. */
function tree(names: string[], dirs: string[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const d of ['', ...dirs, ...dirs.flatMap((a) => dirs.map((b) => `${a}/${b}`))]) for (const n of names) files[d === '' ? n : `${d}/${n}`] = 'x';
  return files;
}

const NAMES = ['a', 'b.o', 'ab.txt', 'x-1', 'Makefile', '#x', '!x', 'x ', 'c[1]', 'd\\e', 'caf\u00c3\u00a9.o', '.hid', 'z.O', 'q?', 't\tb', 'v\u000bw', 'p.q', 'e]x'];
const DIRS = ['sub', 'build', 'src', 'ab', 'prebuild'];

describe('.gitignore matching, against git', () => {
  it.each([
    ['names, endings and negation', '*.o\nMakefile\n!b.o\n'],
    ['directory-only rules and anchors', 'build/\n/ab\nsrc/a\na/\nsub/x-1/\n'],
    ['a rule with a slash is relative to its file', 'sub/b.o\n*/x-1\nsrc/*/a\n'],
    ['double stars', '**/ab.txt\nsrc/**\nsub/**/b.o\n'],
    ['a double star and slash match whole directory names only', '**/.o\nsrc/**/-1\n**/build/\nsub/**/txt\n'],
    ['everything, then directories and text back', '**\n!**/\n!*.txt\n'],
    ['a double star after a literal prefix', 'su**/b.o\nsrc**\n'],
    ['wildcards and classes', '?.o\n[ab]*\n[!a-b]-?\n[[:upper:]]*\n*.[oO]\n[]x]*\n[a-]*\n[z-a]*\n'],
    ['wildcards and classes never match a slash', 'src/sub?b.o\nsrc*x-1\nbuild[/]a\nsrc/ab[!x]Makefile\n'],
    ['escapes, comments and spaces', '\\#x\n\\!x\n# a\nx\\ \nab.txt   \nd\\\\e\nc\\[1]\nq\\?\n'],
    ['POSIX classes as git defines them', '[[:space:]]b\nv[[:space:]]w\n[[:punct:]]x\n[[:alpha:]][[:punct:]][[:lower:]]\n[[:xdigit:]].o\n[[:cntrl:]]\n'],
    ['broken patterns match nothing', '[ab\n*.o\\\n[[:nope:]]*\n'],
    ['CRLF lines and a byte-order mark', '\u00ef\u00bb\u00bf*.txt\r\nMakefile\r\n'],
    ['bytes that are not ASCII', 'caf\u00c3\u00a9.o\n*\u00a9.o\n'],
  ])('%s', async (_name, rules) => {
    const root = await repoWith({ ...tree(NAMES, DIRS), '.gitignore': rules });
    expect(keysweepView(root)).toEqual(gitView(root));
  });

  it('nested files re-include, deeper files win, and info/exclude counts least', async () => {
    const root = await repoWith({
      ...tree(NAMES, DIRS),
      '.gitignore': '*.o\nab/\n!src/\n',
      'src/.gitignore': '!b.o\na\n',
      'src/ab/.gitignore': '!a\n*.txt\n',
      'sub/.gitignore': '!/ab/\n',
      '.git/info/exclude': 'x-1\n!Makefile\nMakefile\n',
    });
    expect(keysweepView(root)).toEqual(gitView(root));
  });

  it('agrees with git on random rules (seeded)', async () => {
    const rng = seededRng(2026);
    for (let round = 0; round < 12; round++) {
      const files: Record<string, string> = tree(NAMES.slice(0, 8), DIRS.slice(0, 3));
      files['.gitignore'] = randomRules(rng, 8);
      files['src/.gitignore'] = randomRules(rng, 4);
      const root = await repoWith(files);
      expect(keysweepView(root), files['.gitignore'] + '--\n' + files['src/.gitignore']).toEqual(gitView(root));
    }
  });
});

const PIECES = ['a', 'b', '*', '?', '**', '[ab]', '[!a]', '.o', '.txt', 'src', 'build', 'x-1', '-', '[a-c]'];

function randomRules(rng: Rng, count: number): string {
  const pick = <T,>(items: readonly T[]) => items[Math.floor(rng() * items.length)]!;
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const parts = Array.from({ length: 1 + Math.floor(rng() * 3) }, () => pick(PIECES));
    const separator = rng() < 0.3 ? '/' : '';
    let line = parts.join(separator);
    if (rng() < 0.2) line = `/${line}`;
    if (rng() < 0.2) line = `${line}/`;
    if (rng() < 0.25) line = `!${line}`;
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}

describe('.gitignore rules from a hostile repository', () => {
  it('a pattern of many stars against long names ends quickly (git itself takes exponential time on it)', async () => {
    const long = 'a'.repeat(200);
    const stars = '*a'.repeat(24);
    const rules = `${stars}*b\nsrc/${stars}*b/\n!${stars}*c\n`;
    const root = await repoWith({ '.gitignore': rules, [long]: 'x', [`${long}b`]: 'x', [`${long}c`]: 'x', [`src/${long}/${long}`]: 'x', [`src/${long}b/x`]: 'x' });
    // Worked out by hand: only names ending in b (and the directory ending in b) hold 24 a's and then a b.
    expect(keysweepView(root)).toEqual(['.gitignore', long, `${long}c`, `src/${long}/${long}`].sort());
  });

  it('a .gitignore with too many rules, or too long a pattern, is not applied (every path would be asked of each rule)', async () => {
    const many = (n: number) => `${Array.from({ length: n - 1 }, (_, i) => `n${i}`).join('\n')}\na.txt\n`;
    const glob = (steps: number) => `a.t?t\n${'?'.repeat(steps - 5)}\n`;
    const root = await repoWith({ 'r/.gitignore': many(MAX_RULES + 1), 'r/a.txt': 'x', 's/.gitignore': glob(MAX_GLOB_STEPS + 1), 's/a.txt': 'x' });
    expect(keysweepView(root)).toEqual(['r/.gitignore', 'r/a.txt', 's/.gitignore', 's/a.txt']);
    // At the limits they apply.
    writeFileSync(join(root, 'r', '.gitignore'), many(MAX_RULES));
    writeFileSync(join(root, 's', '.gitignore'), glob(MAX_GLOB_STEPS));
    expect(keysweepView(root)).toEqual(['r/.gitignore', 's/.gitignore']);
  });

  it('an oversized .gitignore is not read, and an exclude file that is a symlink is not followed: both mean scanning more', async () => {
    const huge = `a.txt\n${'#'.repeat(MAX_GITIGNORE_BYTES)}\n`;
    const root = await repoWith({ 'sub/.gitignore': huge, 'sub/a.txt': 'x', 'sub/b.txt': 'x', 'rules': '*.txt\n' });
    symlinkSync(join(root, 'rules'), join(root, '.git', 'info', 'exclude.link'));
    rmSync(join(root, '.git', 'info', 'exclude'), { force: true });
    renameSync(join(root, '.git', 'info', 'exclude.link'), join(root, '.git', 'info', 'exclude'));
    expect(keysweepView(root)).toEqual(['rules', 'sub/.gitignore', 'sub/a.txt', 'sub/b.txt']);
    // Just under the limit it is read, as git reads it.
    writeFileSync(join(root, 'sub', '.gitignore'), `a.txt\n${'#'.repeat(MAX_GITIGNORE_BYTES - 8)}\n`);
    expect(keysweepView(root)).toEqual(['rules', 'sub/.gitignore', 'sub/b.txt']);
  });
});

describe('.gitignore rules and names that are not UTF-8', () => {
  it('match by the bytes of the name, as git does, not by the escaped form reports show', async () => {
    const root = await repoWith({ 'plain.txt': 'x' });
    const raw = (text: string) => Buffer.from(text, 'latin1');
    for (const name of ['notes\u00ff.txt', 'a\u00ffb', 'sec\u00ffret', 'x\u00ff\u00fey']) writeFileSync(Buffer.concat([raw(`${root}/`), raw(name)]), 'x');
    writeFileSync(join(root, '.gitignore'), raw('*xff*\na?b\nsec\u00ff*\nx[\u0080-\u00ff][\u00fe]y\n'));
    const env = { PATH: process.env.PATH, HOME: root, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
    const git = spawnSync('git', ['ls-files', '--others', '--exclude-standard', '-z'], { cwd: root, env, encoding: 'latin1' }).stdout.split('\0').filter(Boolean).sort();
    const ours: string[] = [];
    for (const event of walkTree(root, '.', { gitignore: true })) {
      if (event.kind !== 'file') continue;
      const absolute = typeof event.absolute === 'string' ? Buffer.from(event.absolute) : event.absolute;
      ours.push(absolute.subarray(Buffer.byteLength(root) + 1).toString('latin1'));
    }
    // Worked out by hand, and git agrees: no name holds the text "xff"; a?b, sec<FF>* and the class pair match by bytes.
    expect(ours.sort()).toEqual(['.gitignore', 'notes\u00ff.txt', 'plain.txt']);
    expect(git).toEqual(['.gitignore', 'notes\u00ff.txt', 'plain.txt']);
  });
});
