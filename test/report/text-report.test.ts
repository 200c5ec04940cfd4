import { describe, expect, it } from 'vitest';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { expandTemplate } from '../../fixtures/templates.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir, writeTree } from '../helpers/temp-dir.js';
import { reportFixture } from './report-fixture.js';
import { textReport } from '../../src/report/text-report.js';

const ESC = '\u001b[';

describe('text report', () => {
  it('matches the golden file: kind, format, redacted key, hash, every location, revocation page, summary', async () => {
    await expect(textReport(reportFixture({ color: false }))).toMatchFileSnapshot('./golden/report.txt');
  });

  it('colours only on a terminal, and never with NO_COLOR or --no-color', async () => {
    const root = await tempDir();
    await writeTree(root, { 'a.env': `K=${fakeKey('admin', seededRng(1))}\n` });
    expect((await runCli(['scan'], { cwd: root, tty: true })).stdout).toContain(ESC);
    expect((await runCli(['scan'], { cwd: root, tty: false })).stdout).not.toContain(ESC);
    expect((await runCli(['scan'], { cwd: root, tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(ESC);
    expect((await runCli(['scan', '--no-color'], { cwd: root, tty: true })).stdout).not.toContain(ESC);
    expect((await runCli(['scan', '--format', 'json'], { cwd: root, tty: true })).stdout).not.toContain(ESC);
  });

  it('says "admin key" or "project key" with the exact format, and low confidence for odd lengths', async () => {
    const root = await tempDir();
    const rng = seededRng(2);
    await writeTree(root, {
      'a.env': `A=${fakeKey('admin', rng)}\nB=${fakeKey('svcacct-v1', rng)}\nC=${fakeKey('none', rng)}\nD=${fakeKey('legacy', rng)}\n`,
      'odd.txt': `${expandTemplate('sk-proj-{B60}{M}{B61}', rng).text}\n`,
    });
    const { stdout } = await runCli(['scan'], { cwd: root });
    expect(stdout).toContain('admin key (admin key format)');
    expect(stdout).toContain('project key (service-account format)');
    expect(stdout).toContain('project key (sk-None- format)');
    expect(stdout).toContain('project key (legacy user key format)');
    expect(stdout).toContain('project key (project key format, non-standard length: low confidence)');
    expect(stdout).toMatch(/5 findings · scanned 2 files \(\d+ B\) in \d+ ms/);
  });
});
