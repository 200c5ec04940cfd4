import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const HEAVY = /^(ink|react|undici|node-fetch|node:https?|https?|better-sqlite3)$/;

/** Every module (src files and packages) a file reaches through static and dynamic imports. */
function reach(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from|import\()\s*'([^']+)'/g)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) visit(join(dirname(file), spec).replace(/\.js$/, '.ts'));
      else packages.add(spec);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('the hook path stays light', () => {
  it('never loads Ink, React, an HTTP client or SQLite, and no verify/tui/sweep module', () => {
    const { files, packages } = reach(join(SRC, 'cli', 'hook-command.ts'));
    expect([...packages].filter((p) => HEAVY.test(p))).toEqual([]);
    expect([...files].map((f) => relative(SRC, f)).filter((f) => /^(tui|sweep)\//.test(f) || /^verify\/(?!remediation)/.test(f))).toEqual([]);
    expect(files.size).toBeGreaterThan(10);
  });
});
