import { type ObjectIdSet, createObjectIdSet } from './object-id-set.js';

const NL = 0x0a;
const QUESTION = 0x3f;
const HEX_ID = /^[0-9a-f]{40}$/;

/** What `git rev-list --objects --no-object-names --missing=print` listed: ids, missing ids, or the first line that was neither. */
export type WalkListing = { ids: ObjectIdSet; missing: string[]; bad: string | null };

/**
 * Reads the walk's output chunk by chunk, as it comes (11.8 MB of ids on curl): nothing holds the whole
 * output. A missing object is listed as `?<id>`; anything that is not an id is kept (shortened) as `bad`.
 */
export function createWalkListing(): { push(chunk: Buffer): void; end(): WalkListing } {
  const listing: WalkListing = { ids: createObjectIdSet(), missing: [], bad: null };
  let partial: Buffer | null = null;
  const line = (bytes: Buffer, at: number, end: number) => {
    if (end === at || listing.bad !== null) return;
    if (bytes[at] === QUESTION && end - at === 41 && HEX_ID.test(bytes.toString('latin1', at + 1, end))) listing.missing.push(bytes.toString('latin1', at + 1, end));
    else if (end - at !== 40 || !listing.ids.addHex(bytes, at)) listing.bad = JSON.stringify(bytes.toString('latin1', at, Math.min(end, at + 60)));
  };
  return {
    push(chunk) {
      const bytes = partial ? Buffer.concat([partial, chunk]) : chunk;
      let at = 0;
      for (let end = bytes.indexOf(NL, at); end !== -1; end = bytes.indexOf(NL, at)) {
        line(bytes, at, end);
        at = end + 1;
      }
      // A copy: the chunk's memory is the stream's, and the rest of the line comes with the next one.
      partial = at < bytes.length ? Buffer.from(bytes.subarray(at)) : null;
    },
    end() {
      if (partial) line(partial, 0, partial.length);
      partial = null;
      return listing;
    },
  };
}
