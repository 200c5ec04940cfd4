import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/spawn-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

describe('the built CLI, as a user runs it', () => {
  it('runs the demo: a history scan that finds every planted key, in HEAD and only in history, with its commit', async () => {
    const cwd = await tempDir();
    const { code, stdout, stderr } = spawnCli(['demo'], { cwd });
    expect(stderr).toContain('found all 12 planted keys: 8 still in HEAD, 1 in a deleted file, 1 on an unmerged branch, 1 behind a tag no branch reaches, 1 in a stash');
    expect(code).toBe(0);
    for (const kind of ['ADMIN KEY', 'admin key format', 'project key format', 'service-account format', 'sk-None- format', 'legacy user key format']) {
      expect(stdout).toContain(kind);
    }
    expect(stdout).toContain('data/cache.sqlite @ byte');
    expect(stdout).toMatch(/backup\/prod\.env:1:\d+\n\s+introduced in [0-9a-f]{12} .* "Add production backup config" \[not in HEAD\]/);
    expect(stdout).toMatch(/12 findings · scanned \d+ blobs and 7 commits across 4 refs of demo-repo \(all refs/);
  });

  it('finds nothing in this repository itself: no key-shaped string is committed', () => {
    const { code, stdout } = spawnCli(['scan', '.', '--format', 'json'], { cwd: REPO });
    const report = JSON.parse(stdout) as { findings: unknown[]; stats: { filesScanned: number } };
    expect(report.findings).toEqual([]);
    expect(report.stats.filesScanned).toBeGreaterThan(50);
    expect(code).toBe(0);
  });
});
