import { readFile, readdir } from 'node:fs/promises';
import { kill } from 'node:process';

/**
 * Stops every process still carrying `marker` in its environment (`KEYSWEEP_MIRROR_RUN=<id>`, which git hands
 * down to its transport helpers). simple-git's timeout stops git alone; its helper (git-remote-https stuck in a
 * TLS handshake, or fed one byte at a time by a hostile server) would live on, holding the sweep's pipes open
 * so the sweep never exits. Linux's /proc shows who they are; elsewhere nothing is found and git's own
 * low-speed and ssh keep-alive limits are what end them.
 */
export async function stopLeftovers(marker: string): Promise<number> {
  const needle = Buffer.from(`${marker}\0`);
  const pids = await readdir('/proc').catch(() => [] as string[]);
  let stopped = 0;
  for (const pid of pids) {
    if (!/^\d+$/.test(pid)) continue;
    const environ = await readFile(`/proc/${pid}/environ`).catch(() => null);
    if (!environ || environ.indexOf(needle) === -1) continue;
    try {
      kill(Number(pid), 'SIGKILL');
      stopped += 1;
    } catch {
      // Gone already, or not ours: nothing left to stop.
    }
  }
  return stopped;
}
