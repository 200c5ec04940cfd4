import { join } from 'node:path';
import { ensureCorpus } from './corpus.js';
import { compare } from './measure.js';
import { KEYSWEEP_BIN, RG_PATTERN, ensureRipgrep, ensureSecretlint } from './tools.js';

export type Log = (line: string) => void;

const node = process.execPath;
const keysweep = (dir: string) => ({ command: node, args: [KEYSWEEP_BIN, 'scan', dir, '--format', 'jsonl'] });

/** Tree scans: keysweep vs ripgrep on 200 MB, vs secretlint on a smaller tree, and a small repository end to end. */
export async function treeBench(cacheDir: string, runs: number, log: Log): Promise<void> {
  const rg = ensureRipgrep(log);
  const big = await ensureCorpus(join(cacheDir, 'tree-200mb'), 200 * 1024 * 1024, 1);
  log(`\n## Tree scan: ${big.files} files, ${(big.bytes / 1e6).toFixed(0)} MB, ${big.planted} planted keys`);
  const plainScan = keysweep(big.dir);
  const [ks, noDecode, rgResult] = compare(
    [
      { name: 'keysweep scan', ...plainScan },
      { name: 'keysweep scan --no-decode', ...plainScan, args: [...plainScan.args, '--no-decode'] },
      { name: 'ripgrep (same regex, -a, 2 threads)', command: rg, args: ['-a', '-c', '--no-ignore', '--hidden', '-j', '2', '-e', RG_PATTERN, big.dir] },
    ],
    runs,
  );
  printRows(log, [ks!, noDecode!, rgResult!], big.bytes);
  log(`ratio keysweep / ripgrep wall: ${(ks!.medianMs / rgResult!.medianMs).toFixed(2)}× with decoding, ${(noDecode!.medianMs / rgResult!.medianMs).toFixed(2)}× without (target ≤ 2×)`);

  const small = await ensureCorpus(join(cacheDir, 'tree-source-18mb'), 18 * 1024 * 1024, 2, 'source');
  const secretlint = await ensureSecretlint(cacheDir, log);
  log(`\n## Against secretlint (OpenAI rule only), a source-like tree: ${small.files} files, ${(small.bytes / 1e6).toFixed(0)} MB`);
  const [ks2, sl] = compare(
    [
      { name: 'keysweep scan', ...keysweep(small.dir) },
      { name: 'secretlint 11, OpenAI rule', command: node, args: [secretlint.bin, '**/*', '--secretlintrc', secretlint.config, '--format', 'json'], cwd: small.dir },
    ],
    Math.max(1, Math.min(runs, 3)),
  );
  printRows(log, [ks2!, sl!], small.bytes);
  log(`ratio secretlint / keysweep wall: ${(sl!.medianMs / ks2!.medianMs).toFixed(1)}× faster (target ≥ 30×)`);

  const tiny = await ensureCorpus(join(cacheDir, 'tree-source-0.7mb'), 700 * 1024, 3, 'source');
  log(`\n## Small repository (express-size): ${tiny.files} files, ${(tiny.bytes / 1e6).toFixed(2)} MB, whole process`);
  const rows = compare(
    [
      { name: 'keysweep scan (small tree)', ...keysweep(tiny.dir) },
      { name: 'keysweep --version', command: node, args: [KEYSWEEP_BIN, '--version'] },
      { name: 'node -e 0 (Node start-up alone)', command: node, args: ['-e', '0'] },
    ],
    Math.max(5, runs * 2),
  );
  printRows(log, rows, null);
  log(`targets: small scan ≤ 200 ms (${rows[0]!.medianMs.toFixed(0)} ms), --version ≤ 100 ms (${rows[1]!.medianMs.toFixed(0)} ms)`);
}

export function printRows(log: Log, rows: Array<{ name: string; medianMs: number; maxRssKiB: number | null }>, bytes: number | null): void {
  for (const row of rows) {
    const rate = bytes ? `  ${(bytes / 1e6 / (row.medianMs / 1000)).toFixed(0).padStart(5)} MB/s` : '';
    const rss = row.maxRssKiB ? `  peak RSS ${(row.maxRssKiB / 1024).toFixed(0)} MiB` : '';
    log(`${row.name.padEnd(44)} ${row.medianMs.toFixed(0).padStart(7)} ms${rate}${rss}`);
  }
}
