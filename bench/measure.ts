import { spawnSync } from 'node:child_process';

export type Measured = { name: string; medianMs: number; runsMs: number[]; maxRssKiB: number | null };

/**
 * The environment for measured commands. NODE_EXTRA_CA_CERTS makes every Node process load a CA bundle at
 * start-up (about 90 ms on this machine); it is an artifact of the host, not of keysweep, and ripgrep does
 * not pay it, so it is left out for every tool alike.
 */
export const BENCH_ENV: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_EXTRA_CA_CERTS'));

/** Runs a command once, returning wall time and peak RSS (from GNU time when it is installed). */
export function timeOnce(command: string, args: string[], options: { cwd?: string; okCodes?: number[]; input?: string } = {}): { ms: number; rssKiB: number | null } {
  const useTime = hasGnuTime();
  const [cmd, argv] = useTime ? ['/usr/bin/time', ['-f', '%M', command, ...args]] : [command, args];
  const started = process.hrtime.bigint();
  const stdin = options.input === undefined ? 'ignore' : 'pipe';
  const result = spawnSync(cmd, argv, { cwd: options.cwd, env: BENCH_ENV, input: options.input, stdio: [stdin, 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.error) throw result.error;
  const ok = options.okCodes ?? [0, 1];
  if (!ok.includes(result.status ?? -1)) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.slice(-2000)}`);
  const rss = useTime ? Number(result.stderr.trim().split('\n').pop()) : NaN;
  return { ms, rssKiB: Number.isFinite(rss) ? rss : null };
}

/** Runs each command `runs` times, alternating between them so drift hits all alike; medians. */
export function compare(commands: Array<{ name: string; command: string; args: string[]; cwd?: string; okCodes?: number[]; input?: string }>, runs: number): Measured[] {
  const times = commands.map(() => [] as number[]);
  const rss = commands.map(() => 0);
  for (const c of commands) timeOnce(c.command, c.args, c); // warm the page cache and the binaries
  for (let r = 0; r < runs; r++) {
    commands.forEach((c, i) => {
      const { ms, rssKiB } = timeOnce(c.command, c.args, c);
      times[i]!.push(ms);
      rss[i] = Math.max(rss[i]!, rssKiB ?? 0);
    });
  }
  return commands.map((c, i) => ({ name: c.name, medianMs: median(times[i]!), runsMs: times[i]!, maxRssKiB: rss[i] || null }));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

let gnuTime: boolean | undefined;
function hasGnuTime(): boolean {
  gnuTime ??= spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0;
  return gnuTime;
}
