import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FAKE_KEY_KINDS } from '../fixtures/keys.js';
import { type Rng, seededRng } from '../fixtures/random.js';

const WORDS = ['const', 'let', 'return', 'function', 'import', 'export', 'value', 'config', 'client', 'request', 'response', 'user', 'token', 'model', 'items', 'index', 'result', 'error', 'await', 'async', 'data', 'options', 'handler', 'service', 'logger', 'cache', 'key', 'path', 'name', 'count', 'JSON', 'JWT', 'Buffer', 'Function', 'kind', 'break', 'Key', 'OpenAI', 'Bearer', 'Base64', 'FLAG', 'jQuery'];
const SHAPES = [
  (w: string[], n: number) => `  const ${w[0]}${n} = ${w[1]}.${w[2]}(${w[3]}, ${n});`,
  (w: string[], n: number) => `def ${w[0]}_${w[1]}(${w[2]}, ${w[3]}=${n}):`,
  (w: string[], n: number) => `${w.join("_").toUpperCase()}=${n}`,
  (w: string[]) => `    "${w[0]}": "${w[1]}-${w[2]}",`,
  (w: string[], n: number) => `<${w[0]} ${w[1]}="${n}">${w[2]} ${w[3]}</${w[0]}>`,
  (w: string[]) => `// ${w.join(' ')} sk-${w[0]} token for ${w[1]}`,
  (w: string[], n: number) => `  ${w[0]}: ${w[1]}_${n} # ${w[2]}`,
  (w: string[], n: number) => `SELECT ${w[0]}, ${w[1]} FROM ${w[2]} WHERE id = ${n};`,
];
const EXTENSIONS = ['ts', 'js', 'py', 'env', 'json', 'yaml', 'md', 'xml', 'sql', 'go'];

export type Corpus = { dir: string; bytes: number; files: number; planted: number };

/** A deterministic tree of source-like text with planted fake keys, cached between runs by its parameters. */
/** File sizes: `mixed` (2 KB to 400 KB, skewed small; ~100 KB mean) or `source` (~5 KB mean, like a C or JS repository). */
export type SizeProfile = 'mixed' | 'source';

export async function ensureCorpus(dir: string, targetBytes: number, seed: number, profile: SizeProfile = 'mixed'): Promise<Corpus> {
  const stamp = join(dir, '.corpus.json');
  const wanted = `${targetBytes}:${seed}:${profile}:v3`;
  if (existsSync(stamp)) {
    const meta = JSON.parse(await readFile(stamp, 'utf8')) as Corpus & { wanted: string };
    if (meta.wanted === wanted) return meta;
  }
  await rm(dir, { recursive: true, force: true });
  const rng = seededRng(seed);
  const lines = sourceLines(rng, 20_000);
  let bytes = 0;
  let files = 0;
  let planted = 0;
  while (bytes < targetBytes) {
    const size = profile === 'mixed' ? 2_000 + Math.floor(rng() ** 3 * 400_000) : 300 + Math.floor(rng() ** 3 * 20_000);
    const chunks = pickLines(rng, lines, size);
    if (rng() < 0.02) {
      chunks.splice(Math.floor(rng() * chunks.length), 0, `OPENAI_API_KEY="${FAKE_KEY_KINDS[planted % FAKE_KEY_KINDS.length]!.make(rng)}"`);
      planted++;
    }
    const content = `${chunks.join('\n')}\n`;
    // Ten files per directory, as in real projects (npm packages here: 7 to 17), two levels deep.
    const leaf = Math.floor(files / 10);
    const path = join(dir, `d${Math.floor(leaf / 20)}`, `s${leaf % 20}`, `file${files}.${EXTENSIONS[files % EXTENSIONS.length]}`);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, content);
    bytes += Buffer.byteLength(content);
    files++;
  }
  const corpus = { dir, bytes, files, planted };
  await writeFile(stamp, JSON.stringify({ ...corpus, wanted }));
  return corpus;
}

/** Random lines from `lines` until about `size` bytes. */
export function pickLines(rng: Rng, lines: string[], size: number): string[] {
  const chunks: string[] = [];
  let length = 0;
  while (length < size) {
    const text = lines[Math.floor(rng() * lines.length)]!;
    chunks.push(text);
    length += text.length + 1;
  }
  return chunks;
}

/** Lines of source-like text to build files from. */
export function sourceLines(rng: Rng, count: number): string[] {
  return Array.from({ length: count }, (_, i) => line(rng, i));
}

function line(rng: Rng, i: number): string {
  const words = Array.from({ length: 4 }, () => WORDS[Math.floor(rng() * WORDS.length)]!);
  return SHAPES[i % SHAPES.length]!(words, Math.floor(rng() * 100_000));
}
