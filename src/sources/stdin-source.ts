import type { Readable } from 'node:stream';
import type { Source } from './source-events.js';

/** `keysweep scan -`: everything on standard input, as one blob. */
export async function* stdinSource(input: Readable, maxBytes: number): Source {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > maxBytes) {
      yield { kind: 'skip', path: '(stdin)', reason: 'too-large' };
      return;
    }
    chunks.push(buffer);
  }
  yield { kind: 'blob', blob: { bytes: Buffer.concat(chunks), origin: { kind: 'stdin' } } };
}
