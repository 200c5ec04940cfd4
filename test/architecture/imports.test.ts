import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

/** Which rooms each room may import (DESIGN.md): imports point one way and nothing imports cli. */
const ALLOWED: Record<string, string[]> = {
  core: [],
  rules: ['core'],
  detect: ['core', 'rules'],
  sources: ['core'],
  report: ['core'],
  suppress: ['core'],
  verify: ['core'],
  hooks: ['core'],
  scan: ['core', 'rules', 'detect', 'sources', 'suppress', 'verify'],
  // The use cases the CLI, the sweep and the triage UI all call; they never print, so never render.
  // Org-wide sweeps: repository lists, mirrors, the findings store; scanning stays in scan/ and app/.
  sweep: ['core', 'sources'],
  app: ['core', 'rules', 'detect', 'sources', 'suppress', 'verify', 'scan', 'hooks', 'sweep'],
  // The terminal UI works on findings and events, never on bytes.
  tui: ['core', 'app', 'report'],
  cli: ['core', 'rules', 'detect', 'sources', 'suppress', 'verify', 'scan', 'report', 'hooks', 'app', 'tui'],
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('architecture', () => {
  const all = files(SRC);

  it('keeps imports pointing one way between rooms', () => {
    const violations: string[] = [];
    for (const file of all) {
      const room = relative(SRC, file).split('/')[0]!;
      expect(ALLOWED[room], `unknown room ${room}`).toBeDefined();
      for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.\.\/[^']+)'/g)) {
        const target = relative(SRC, join(file, '..', m[1]!)).split('/')[0]!;
        if (target === room || target.startsWith('..')) continue;
        if (!ALLOWED[room]!.includes(target)) violations.push(`${relative(SRC, file)} imports ${target}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('nobody imports the CLI; reporters never touch sources, scanning or the network', () => {
    for (const [room, allowed] of Object.entries(ALLOWED)) {
      if (room !== 'cli') expect(allowed, room).not.toContain('cli');
    }
    for (const forbidden of ['sources', 'scan', 'verify', 'app']) expect(ALLOWED.report, forbidden).not.toContain(forbidden);
  });

  it('has no barrel index files and no file past 250 lines', () => {
    for (const file of all) {
      expect(file.endsWith('/index.ts'), file).toBe(false);
      expect(readFileSync(file, 'utf8').split('\n').length, relative(SRC, file)).toBeLessThanOrEqual(250);
    }
  });

  it('touches process only in cli/', () => {
    for (const file of all) {
      if (relative(SRC, file).startsWith('cli/')) continue;
      expect(readFileSync(file, 'utf8'), relative(SRC, file)).not.toMatch(/\bprocess\.(argv|exit|stdout|stderr|env|cwd)/);
    }
  });
});
