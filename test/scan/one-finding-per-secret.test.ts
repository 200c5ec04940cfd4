import { describe, expect, it } from 'vitest';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { secretSha256 } from '../../src/detect/identity.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir, writeTree } from '../helpers/temp-dir.js';

const rng = seededRng(13);

describe('one finding per secret', () => {
  it('groups every location of a key into one finding, with id and hash from the secret alone', async () => {
    const root = await tempDir();
    const shared = fakeKey('project-v1', rng);
    const other = fakeKey('admin', rng);
    await writeTree(root, {
      'a.env': `K=${shared}\n`,
      'b/c.json': JSON.stringify({ k: shared, j: shared }),
      'copy.env': `K=${shared}\n`,
      'admin.yaml': `admin: ${other}\n`,
    });
    const { stdout } = await runCli(['scan', '--format', 'json'], { cwd: root });
    const report = JSON.parse(stdout);
    expect(report.findings).toHaveLength(2);
    const [admin, project] = report.findings;
    expect(admin.keyType).toBe('admin'); // admin keys are listed first
    expect(project.secretSha256).toBe(secretSha256(shared));
    expect(project.id).toBe(`ks-${secretSha256(shared).slice(0, 16)}`);
    expect(project.locations.map((l: { path: string; column: number }) => `${l.path}:${l.column}`)).toEqual([
      'a.env:3',
      `b/c.json:${JSON.stringify({ k: shared, j: shared }).indexOf(shared) + 1}`,
      `b/c.json:${JSON.stringify({ k: shared, j: shared }).lastIndexOf(shared) + 1}`,
      'copy.env:3',
    ]);
    // identical files are one blob, detected once but reported at each path
    expect(project.locations[0].blobId).toBe(project.locations[3].blobId);

    const elsewhere = await tempDir();
    await writeTree(elsewhere, { 'moved/deep/file.txt': `\n\n   ${shared}` });
    const again = JSON.parse((await runCli(['scan', '--format', 'json'], { cwd: elsewhere })).stdout);
    expect(again.findings[0].id).toBe(project.id);
  });
});
