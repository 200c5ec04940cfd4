import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const HEAVY = /^(ink|react|undici|node-fetch|node:https?|https?|better-sqlite3)$/;

/** Every module a file loads when it starts: static imports only (a dynamic import runs only when reached). */
function staticReach(entry: string): { files: Set<string>; packages: Set<string>; dynamic: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const dynamic = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^(?:import|export)(?! type)[^;]*?from '([^']+)'/gms)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) visit(join(dirname(file), spec).replace(/\.js$/, '.ts'));
      else packages.add(spec);
    }
    for (const m of text.matchAll(/import\('([^']+)'\)/g)) dynamic.add(relative(SRC, join(dirname(file), m[1]!.replace(/\.js$/, '.ts'))));
  };
  visit(entry);
  return { files, packages, dynamic };
}

describe('the hook path stays light', () => {
  it('loads no Ink, React, HTTP client or SQLite, and no verify/tui/sweep module unless --verify asks for it', () => {
    const { files, packages, dynamic } = staticReach(join(SRC, 'cli', 'hook-command.ts'));
    expect([...packages].filter((p) => HEAVY.test(p))).toEqual([]);
    expect([...files].map((f) => relative(SRC, f)).filter((f) => /^(tui|sweep)\//.test(f) || /^verify\/(?!remediation)/.test(f))).toEqual([]);
    expect(files.size).toBeGreaterThan(10);
    // Verification is reached only through a dynamic import, taken when the hook was configured with --verify.
    expect([...dynamic].sort()).toEqual(['cli/hook-install-command.ts', 'cli/run-verification.ts']);
  });
});
