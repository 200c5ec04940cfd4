import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/spawn-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

describe('the built CLI, as a user runs it', () => {
  it('runs the demo: every planted format found, the allowed one suppressed, look-alikes ignored', async () => {
    const cwd = await tempDir();
    const { code, stdout, stderr } = spawnCli(['demo'], { cwd });
    expect(stderr).toContain('found exactly the 8 planted keys');
    expect(code).toBe(0);
    for (const kind of ['ADMIN KEY', 'admin key format', 'project key format', 'service-account format', 'sk-None- format', 'legacy user key format']) {
      expect(stdout).toContain(kind);
    }
    expect(stdout).toContain('data/cache.sqlite @ byte');
    expect(stdout).toMatch(/8 findings · scanned 11 files .* skipped: 1 gitignored · 1 ignored/);
  });

  it('finds nothing in this repository itself: no key-shaped string is committed', () => {
    const { code, stdout } = spawnCli(['scan', '.', '--format', 'json'], { cwd: REPO });
    const report = JSON.parse(stdout) as { findings: unknown[]; stats: { filesScanned: number } };
    expect(report.findings).toEqual([]);
    expect(report.stats.filesScanned).toBeGreaterThan(50);
    expect(code).toBe(0);
  });
});
