import { type ChildProcess, spawn } from 'node:child_process';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

const stoppers: Array<() => void> = [];
afterEach(() => stoppers.splice(0).forEach((stop) => stop()));

/** A real `git daemon` on 127.0.0.1 serving every repository under `base` (git:// URLs). */
export async function gitDaemon(base: string): Promise<string> {
  const port = await freePort();
  const daemon: ChildProcess = spawn('git', ['daemon', `--base-path=${base}`, '--export-all', '--reuseaddr', '--listen=127.0.0.1', `--port=${port}`, '--informative-errors', base], { stdio: ['ignore', 'ignore', 'pipe'] });
  stoppers.push(() => daemon.kill());
  // git daemon says nothing when ready: wait until its port accepts connections.
  for (let i = 0; i < 100; i++) {
    if (await accepts(port)) return `git://127.0.0.1:${port}`;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('git daemon did not start');
}

/** `git http-backend` (the smart HTTP protocol, as a CGI) behind a small HTTP server on 127.0.0.1. */
export async function gitHttpBackend(projectRoot: string): Promise<string> {
  const server = createServer(httpBackendHandler(projectRoot));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stoppers.push(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Answers one smart-HTTP request with `git http-backend` serving the repositories under `projectRoot`. */
export function httpBackendHandler(projectRoot: string) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const cgi = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        GIT_PROJECT_ROOT: projectRoot,
        GIT_HTTP_EXPORT_ALL: '1',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
      },
    });
    req.pipe(cgi.stdin);
    const chunks: Buffer[] = [];
    cgi.stdout.on('data', (c: Buffer) => chunks.push(c));
    cgi.on('close', () => {
      const out = Buffer.concat(chunks);
      const split = out.indexOf('\r\n\r\n');
      const head = out.subarray(0, split).toString('latin1');
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.split('\r\n')) {
        const [name, ...value] = line.split(':');
        if (!name) continue;
        if (name.toLowerCase() === 'status') status = Number(value.join(':').trim().split(' ')[0]);
        else headers[name] = value.join(':').trim();
      }
      res.writeHead(status, headers);
      res.end(out.subarray(split + 4));
    });
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function accepts(port: number): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
