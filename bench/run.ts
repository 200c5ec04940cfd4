import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { historyBench } from './history-bench.js';
import { hookBench } from './hook-bench.js';
import { sweepBench } from './sweep-bench.js';
import { treeBench } from './tree-bench.js';

/**
 * `npm run bench`: generates its corpora (seeded, cached in .bench/), runs each tool several times
 * alternately and prints medians and ratios measured in this one run. Benchmarks, not tests: nothing
 * here asserts a time.
 */
const cacheDir = process.env.KEYSWEEP_BENCH_DIR ?? fileURLToPath(new URL('../../.bench', import.meta.url));
const runs = Number(process.env.KEYSWEEP_BENCH_RUNS ?? 5);
const log = (line: string) => process.stdout.write(`${line}\n`);

log(`keysweep bench · node ${process.version} · cache ${join(cacheDir)} · ${runs} runs per tool, medians`);
if (process.env.NODE_EXTRA_CA_CERTS) log('(NODE_EXTRA_CA_CERTS is set here; it is unset for every measured command alike: it costs each Node start-up ~90 ms)');
// Extra repositories to measure history on: npm run bench -- [--compare-paths] /path/to/repo [...]
const extraRepos = process.argv.slice(2).filter((arg) => arg !== '--compare-paths');
const comparePaths = process.argv.includes('--compare-paths');
const only = process.env.KEYSWEEP_BENCH_ONLY; // "tree", "history", "hook" or "sweep", to run one part
if (only === undefined || only === 'tree') await treeBench(cacheDir, runs, log);
if (only === undefined || only === 'history') await historyBench(cacheDir, runs, log, extraRepos, comparePaths);
if (only === undefined || only === 'hook') await hookBench(cacheDir, runs, log);
if (only === undefined || only === 'sweep') await sweepBench(cacheDir, log);
