import { inflateSync } from 'node:zlib';

/** Data that does not inflate to the size its header declares: a damaged pack entry or loose object. */
export class BadObjectDataError extends Error {
  override name = 'BadObjectDataError';
}

/**
 * Inflates one zlib stream whose inflated size is known. The compressed bytes may run on past the stream
 * (the next entry follows it in the pack); zlib stops at the stream's end.
 */
export function inflateKnownSize(compressed: Uint8Array, size: number, what: string): Buffer {
  let out: Buffer;
  try {
    // One byte more than declared is allowed through, so that a longer stream is caught, not cut.
    out = inflateSync(compressed, { maxOutputLength: size + 1 });
  } catch (error) {
    throw new BadObjectDataError(`${what}: ${(error as Error).message}`, { cause: error });
  }
  if (out.length !== size) throw new BadObjectDataError(`${what}: inflates to ${out.length} bytes, not the ${size} declared`);
  return out;
}
