import { UsageError } from '../core/errors.js';

/** git's pre-push input is one short line per pushed ref: far below this even for a mirror push. */
export const MAX_PUSH_INPUT_BYTES = 64 * 1024 * 1024;

/** All of a stream as UTF-8 text, refused past `maxBytes` (standard input for the hooks and `verify -`). */
export async function readText(stream: NodeJS.ReadableStream, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += bytes.length;
    if (total > maxBytes) throw new UsageError(`standard input is larger than ${maxBytes} bytes; stopped reading`);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}
