import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { FAKE_KEY_KINDS } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir, writeTree } from '../helpers/temp-dir.js';

describe('scanning with worker threads', () => {
  it('finds exactly what the single-threaded scan finds, with the same stats', async () => {
    const rng = seededRng(21);
    const root = await tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) {
      const kind = FAKE_KEY_KINDS[i % FAKE_KEY_KINDS.length]!;
      const body = `// file ${i}\n${'let x = 1;\n'.repeat(i % 50)}`;
      files[`pkg${i % 7}/mod${i}.ts`] = i % 9 === 0 ? `${body}const k = "${kind.make(rng)}";${i % 27 === 0 ? ' // keysweep:allow' : ''}\n` : body;
    }
    files['big/blob.txt'] = 'y'.repeat(300_000);
    await writeTree(root, files);
    const args = ['scan', '--format', 'json', '--show-ignored', '--max-file-size', '200KiB'];
    const single = JSON.parse((await runCli([...args, '--threads', '1'], { cwd: root })).stdout);
    const parallel = JSON.parse((await runCli([...args, '--threads', '3'], { cwd: root })).stdout);
    const strip = (report: { stats: Record<string, unknown> }) => ({ ...report, stats: { ...report.stats, durationMs: 0, peakRssBytes: 0 } });
    expect(single.findings.length).toBe(45 - 15);
    expect(single.stats.ignoredFindings).toBe(15);
    expect(single.stats.skipped['too-large']).toBe(1);
    expect(strip(parallel)).toEqual(strip(single));
  });
});

describe('the worker pool', () => {
  it('reads and scans a batch in a real worker thread: keys, sizes, too-large files and unreadable paths', async () => {
    const { createFileScanPool } = await import('../../src/scan/worker-pool.js');
    const rng = seededRng(22);
    const root = await tempDir();
    const key = FAKE_KEY_KINDS[0]!.make(rng);
    await writeTree(root, { 'a.env': `K=${key}\n`, 'b.txt': 'clean\n', 'c.bin': 'z'.repeat(5000) });
    const { loadBuiltinRules } = await import('../../src/rules/load-rules.js');
    const pool = createFileScanPool(1, loadBuiltinRules().spec, true);
    try {
      const result = await pool.scan(
        ['a.env', 'b.txt', 'c.bin', 'missing'].map((name) => ({ absolute: `${root}/${name}`, path: name })),
        1000,
      );
      expect(result.outcomes).toEqual([
        { path: 'a.env', kind: 'scanned', byteLength: key.length + 3, detection: expect.objectContaining({ matches: [expect.objectContaining({ secret: key, line: 1, column: 3 })], allowed: [false] }) },
        { path: 'b.txt', kind: 'scanned', byteLength: 6, detection: null },
        { path: 'c.bin', kind: 'too-large' },
        { path: 'missing', kind: 'error', code: 'ENOENT' },
      ]);
    } finally {
      await pool.close();
    }
  });

  it('a path that is not UTF-8 reaches the worker as its bytes and is read', async () => {
    const { createFileScanPool } = await import('../../src/scan/worker-pool.js');
    const { loadBuiltinRules } = await import('../../src/rules/load-rules.js');
    const root = await tempDir();
    const key = FAKE_KEY_KINDS[0]!.make(seededRng(24));
    const absolute = Buffer.concat([Buffer.from(`${root}/k`), Buffer.from([0xff, 0xe9])]);
    await writeFile(absolute, `K=${key}\n`);
    const pool = createFileScanPool(1, loadBuiltinRules().spec, true);
    try {
      const result = await pool.scan([{ absolute, path: 'k\\xff\\xe9' }], 1000);
      expect(result.outcomes).toEqual([{ path: 'k\\xff\\xe9', kind: 'scanned', byteLength: key.length + 3, detection: expect.objectContaining({ matches: [expect.objectContaining({ secret: key })] }) }]);
    } finally {
      await pool.close();
    }
  });

  it('workers use the rule set they are given, not the built-in one', async () => {
    const { createFileScanPool } = await import('../../src/scan/worker-pool.js');
    const { loadBuiltinRules } = await import('../../src/rules/load-rules.js');
    const rng = seededRng(23);
    const root = await tempDir();
    const admin = FAKE_KEY_KINDS.find((k) => k.name === 'admin')!.make(rng);
    const legacy = FAKE_KEY_KINDS.find((k) => k.name === 'legacy')!.make(rng);
    await writeTree(root, { 'admin.env': `K=${admin}\n`, 'legacy.env': `K=${legacy}\n` });
    const spec = loadBuiltinRules().spec;
    const pool = createFileScanPool(1, { ...spec, rules: spec.rules.filter((r) => r.id === 'openai-admin-key') }, true);
    try {
      const result = await pool.scan(['admin.env', 'legacy.env'].map((name) => ({ absolute: `${root}/${name}`, path: name })), 1000);
      expect(result.outcomes.map((o) => (o.kind === 'scanned' ? (o.detection?.matches.map((m) => m.ruleId) ?? []) : o.kind))).toEqual([['openai-admin-key'], []]);
    } finally {
      await pool.close();
    }
  });
});
