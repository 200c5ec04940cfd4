import { spawn } from 'node:child_process';
import { type Socket, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/spawn-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const servers: Array<() => void> = [];
afterEach(() => servers.splice(0).forEach((stop) => stop()));

/** A TCP server that accepts connections, reads what comes, and never answers: a remote that hangs. */
async function stallingServer(): Promise<{ port: number; open: () => number }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => {});
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(() => {
    for (const s of sockets) s.destroy();
    server.close();
  });
  return { port: (server.address() as AddressInfo).port, open: () => sockets.size };
}

/** Runs the CLI and waits for the process itself to end (not only for its output). */
function runToExit(args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('--repo-timeout against a remote that never answers', () => {
  it('fails that repository with the reason, ends the sweep, and leaves no git helper connected behind it', async () => {
    const root = await tempDir('keysweep-stall-');
    const { port, open } = await stallingServer();
    const list = join(root, 'repos.txt');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(list, `http://127.0.0.1:${port}/hangs.git\ngit://127.0.0.1:${port}/hangs-too.git\n`);
    const run = await runToExit(['sweep', '--repos', list, '--cache-dir', join(root, 'cache'), '--repo-timeout', '2', '--format', 'json'], root);
    expect(run.code, run.stderr).toBe(3);
    const report = JSON.parse(run.stdout) as { repositories: Array<{ repository: string; status: string; reason: string }> };
    expect(report.repositories.map((r) => [r.status, r.reason])).toEqual([
      ['failed', 'the remote sent nothing for 2 s (--repo-timeout)'],
      ['failed', 'the remote sent nothing for 2 s (--repo-timeout)'],
    ]);
    // A helper left behind (git-remote-http) would still hold its connection open.
    for (let i = 0; i < 100 && open() > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(open()).toBe(0);
  }, 60_000);

  it('runs ssh in batch mode with keep-alives, so a silent ssh server is left too', async () => {
    const root = await tempDir('keysweep-ssh-');
    const bin = join(root, 'bin');
    const { mkdir, readFile, writeFile } = await import('node:fs/promises');
    await mkdir(bin);
    // A stand-in for ssh that records how git ran it, then fails like an unreachable host.
    await writeFile(join(bin, 'ssh'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${join(root, 'ssh-args')}'\nexit 255\n`, { mode: 0o755 });
    const list = join(root, 'repos.txt');
    await writeFile(list, 'ssh://git@example.invalid/org/repo.git\n');
    const run = await runToExit(['sweep', '--repos', list, '--cache-dir', join(root, 'cache'), '--repo-timeout', '8', '--format', 'json'], root, { PATH: `${bin}:${process.env.PATH}` });
    expect(run.code, run.stderr).toBe(3);
    const args = (await readFile(join(root, 'ssh-args'), 'utf8')).split('\n');
    expect(args.slice(0, 8)).toEqual(['-o', 'BatchMode=yes', '-o', 'ConnectTimeout=8', '-o', 'ServerAliveInterval=4', '-o', 'ServerAliveCountMax=2']);
    expect(args).toContain('git@example.invalid');
  });
});
