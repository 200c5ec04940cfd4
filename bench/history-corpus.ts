import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FAKE_KEY_KINDS } from '../fixtures/keys.js';
import { seededRng } from '../fixtures/random.js';
import { pickLines, sourceLines } from './corpus.js';

export type HistoryCorpus = { dir: string; commits: number; blobBytes: number; planted: number };

/**
 * A deterministic repository with a long history, written through `git fast-import` (seconds, not the
 * minutes thousands of `git commit`s would take): `commits` commits, each rewriting `filesPerCommit` files
 * of a 300-file project with fresh contents of about `fileBytes`, with fake keys planted in some of them.
 */
export type HistoryShape = { commits: number; filesPerCommit: number; fileBytes: number };

export async function ensureHistoryCorpus(dir: string, shape: HistoryShape, seed: number): Promise<HistoryCorpus> {
  const { commits, filesPerCommit, fileBytes } = shape;
  const stamp = join(dir, 'keysweep-bench.json');
  const wanted = `${commits}:${filesPerCommit}:${fileBytes}:${seed}:v1`;
  if (existsSync(stamp)) {
    const meta = JSON.parse(await readFile(stamp, 'utf8')) as HistoryCorpus & { wanted: string };
    if (meta.wanted === wanted) return meta;
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await run('git', ['init', '-q', '--bare', '--initial-branch=main', dir]);
  const rng = seededRng(seed);
  const lines = sourceLines(rng, 20_000);
  const child = spawn('git', ['--git-dir', dir, 'fast-import', '--quiet'], { stdio: ['pipe', 'ignore', 'inherit'] });
  const write = (text: string | Buffer) => new Promise<void>((resolve) => (child.stdin.write(text) ? resolve() : child.stdin.once('drain', resolve)));
  let blobBytes = 0;
  let planted = 0;
  for (let c = 1; c <= commits; c++) {
    const changes: string[] = [];
    for (let f = 0; f < filesPerCommit; f++) {
      const chunks = pickLines(rng, lines, fileBytes);
      if (rng() < 0.01) {
        chunks.splice(10, 0, `OPENAI_API_KEY="${FAKE_KEY_KINDS[planted % FAKE_KEY_KINDS.length]!.make(rng)}"`);
        planted++;
      }
      const data = Buffer.from(`${chunks.join('\n')}\n`);
      blobBytes += data.length;
      await write(`blob\nmark :${c * filesPerCommit + f}\ndata ${data.length}\n`);
      await write(data);
      await write('\n');
      changes.push(`M 100644 :${c * filesPerCommit + f} src/module${Math.floor(rng() * 300)}.ts\n`);
    }
    const when = 1_700_000_000 + c * 600;
    const message = `change ${c}`;
    await write(`commit refs/heads/main\ncommitter Bench <bench@example.test> ${when} +0000\ndata ${message.length}\n${message}\n${changes.join('')}\n`);
  }
  child.stdin.end();
  await new Promise<void>((resolve, reject) => child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exited ${code}`)))));
  const corpus = { dir, commits, blobBytes, planted };
  await writeFile(stamp, JSON.stringify({ ...corpus, wanted }));
  return corpus;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}`))));
  });
}
