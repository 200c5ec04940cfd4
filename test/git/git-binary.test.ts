import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitBinary } from '../../src/sources/git/git-binary.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('which git keysweep runs', () => {
  it('takes the first executable git in an absolute PATH entry, skipping relative and empty entries and non-executables', async () => {
    const root = await tempDir();
    for (const dir of ['a', 'b', 'c']) await mkdir(join(root, dir));
    await writeFile(join(root, 'a', 'git'), '#!/bin/sh\n'); // not executable
    await mkdir(join(root, 'b', 'git')); // a directory
    await writeFile(join(root, 'c', 'git'), '#!/bin/sh\n');
    await chmod(join(root, 'c', 'git'), 0o755);
    const path = ['.', 'bin', '', join(root, 'a'), join(root, 'b'), join(root, 'c')].join(':');
    expect(gitBinary({ PATH: path })).toBe(join(root, 'c', 'git'));
    expect(() => gitBinary({ PATH: '.:bin::relative/dir' })).toThrow(/no git executable in the absolute entries of PATH/);
    try {
      gitBinary({ PATH: 'relative' });
    } catch (error) {
      expect(error).toMatchObject({ name: 'GitError', command: 'git', stderr: '' });
    }
  });
});

describe('relative PATH entries', () => {
  it('are skipped even when they lead to an executable git', async () => {
    const { relative } = await import('node:path');
    const dir = await tempDir();
    await writeFile(join(dir, 'git'), '#!/bin/sh\n');
    await chmod(join(dir, 'git'), 0o755);
    const rel = relative(process.cwd(), dir);
    expect(rel.startsWith('/')).toBe(false);
    expect(() => gitBinary({ PATH: rel })).toThrow(/no git executable/);
  });
});
