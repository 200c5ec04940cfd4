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

/** An HTTP server that answers the ref advertisement one byte at a time, forever: alive, never done. */
async function tricklingServer(): Promise<{ port: number; open: () => number }> {
  const { createServer: createHttp } = await import('node:http');
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server = createHttp((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/x-git-upload-pack-advertisement' });
    const timer = setInterval(() => res.write('0'), 300);
    timers.add(timer);
    res.on('close', () => clearInterval(timer));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(() => {
    for (const t of timers) clearInterval(t);
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
    const trickle = await tricklingServer();
    // https to a server that never starts TLS, plain http, git://, and http fed one byte at a time.
    await writeFile(list, [`https://127.0.0.1:${port}/tls.git`, `http://127.0.0.1:${port}/hangs.git`, `git://127.0.0.1:${port}/hangs-too.git`, `http://127.0.0.1:${trickle.port}/trickles.git`, ''].join('\n'));
    const run = await runToExit(['sweep', '--repos', list, '--cache-dir', join(root, 'cache'), '--repo-timeout', '2', '--concurrency', '4', '--format', 'json'], root);
    expect(run.code, run.stderr).toBe(3);
    const report = JSON.parse(run.stdout) as { repositories: Array<{ repository: string; status: string; reason: string }> };
    expect(report.repositories.map((r) => r.status)).toEqual(['failed', 'failed', 'failed', 'failed']);
    expect(report.repositories.filter((r) => r.reason === 'the remote sent nothing for 2 s (--repo-timeout)').length).toBeGreaterThanOrEqual(3);
    // A helper left behind (git-remote-http) would still hold its connection open.
    for (let i = 0; i < 100 && open() + trickle.open() > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect([open(), trickle.open()]).toEqual([0, 0]);
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
