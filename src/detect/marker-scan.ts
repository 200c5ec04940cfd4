/** What one pass over a buffer says about the marker: whether it occurs whole, and whether a key may be cut across it. */
export type MarkerScan = { whole: boolean; cut: boolean };

/** Byte tables rather than sets: this runs for every J in every file. */
const table = (bytes: number[]) => {
  const t = new Uint8Array(256);
  for (const b of bytes) t[b] = 1;
  return t;
};
/** What a piece of a cut key starts right after. */
export const PIECE_OPENERS = [0x22, 0x27, 0x60, 0x0a];
const QUOTES_AND_BREAKS = table(PIECE_OPENERS);
/** What may sit between two pieces of a key: quotes, blanks, line breaks, joining operators, a `\` line continuation, parentheses. */
const JOINT = table([0x22, 0x27, 0x60, 0x20, 0x09, 0x0d, 0x0a, 0x2b, 0x2e, 0x5c, 0x28, 0x29]);
const JOINT_MAX = 48;

/**
 * One pass over the marker's last byte (`J` in T3BlbkFJ: memchr, then a look at the bytes before it):
 * finds the marker whole, and a marker cut in two between pieces of a key (`"…T3Bl" + "bkFJ…"`), which
 * always leaves the `J` at the start of a piece or after `bkF`. The joined key is checked later; this only
 * says where joining can pay off. Where the anchor byte is dense (base64, binary) the rest of the buffer is
 * searched for the marker and its halves as substrings instead: linear either way.
 */
export function scanMarker(bytes: Buffer, marker: Buffer): MarkerScan {
  const parts = partsOf(marker);
  const last = marker[marker.length - 1]!;
  const beforeLast = marker[marker.length - 2]!;
  const scan: MarkerScan = { whole: false, cut: false };
  let steps = 0;
  for (let i = bytes.indexOf(last, marker.length - 1); i !== -1; i = bytes.indexOf(last, i + 1)) {
    // Almost every J follows some other letter: neither the marker's byte before it nor a piece boundary.
    const previous = bytes[i - 1]!;
    if (previous === beforeLast || QUOTES_AND_BREAKS[previous] === 1) {
      if (previous === beforeLast && endsWith(bytes, i + 1, marker)) scan.whole = true;
      else if (!scan.cut && cutBefore(bytes, i, parts)) scan.cut = true;
      if (scan.whole && scan.cut) return scan;
    }
    if (++steps > 64 && steps * 64 > i) return denseRest(bytes, i + 1, marker, scan);
  }
  return scan;
}

/** The marker's pieces, made once per marker: for `kept` bytes before its last one, the bytes themselves and the rest before them. */
type MarkerParts = { half: number; suffixes: Buffer[]; prefixes: Buffer[] };
const partsCache = new WeakMap<Buffer, MarkerParts>();
function partsOf(marker: Buffer): MarkerParts {
  let parts = partsCache.get(marker);
  if (!parts) {
    const n = marker.length - 1;
    parts = {
      half: Math.ceil(marker.length / 2),
      suffixes: Array.from({ length: n }, (_, kept) => marker.subarray(n - kept, n)),
      prefixes: Array.from({ length: n }, (_, kept) => marker.subarray(0, n - kept)),
    };
    partsCache.set(marker, parts);
  }
  return parts;
}

/** Whether the marker's last byte at `at` starts a piece whose previous piece ends with the rest of the marker. */
function cutBefore(bytes: Buffer, at: number, parts: MarkerParts): boolean {
  for (let kept = 0; kept < parts.suffixes.length; kept++) {
    // `kept` bytes of the marker sit before the J in its own piece, right after a quote or a line break.
    if (!endsWith(bytes, at, parts.suffixes[kept]!)) return false;
    // The J's piece holds the marker's second half whole: a cut before it, or no cut at all.
    if (kept + 1 >= parts.half) return true;
    const pieceStart = at - kept;
    if (pieceStart > 0 && QUOTES_AND_BREAKS[bytes[pieceStart - 1]!] === 1) {
      let j = pieceStart - 1;
      const floor = Math.max(0, j - JOINT_MAX);
      while (j > floor && JOINT[bytes[j - 1]!] === 1) j--;
      if (endsWith(bytes, j, parts.prefixes[kept]!)) return true;
    }
  }
  return false;
}

function denseRest(bytes: Buffer, from: number, marker: Buffer, scan: MarkerScan): MarkerScan {
  const half = Math.ceil(marker.length / 2);
  const start = Math.max(0, from - marker.length);
  if (!scan.whole && bytes.indexOf(marker, start) !== -1) scan.whole = true;
  // In dense content the halves themselves are the hint: cheaper to over-report than to miss a cut.
  if (!scan.cut && (bytes.indexOf(marker.subarray(0, half), start) !== -1 || bytes.indexOf(marker.subarray(marker.length - half), start) !== -1)) scan.cut = true;
  return scan;
}

/** Whether the bytes just before `end` are `suffix`. */
function endsWith(bytes: Buffer, end: number, suffix: Buffer): boolean {
  const start = end - suffix.length;
  if (start < 0) return false;
  for (let k = suffix.length - 1; k >= 0; k--) if (bytes[start + k] !== suffix[k]) return false;
  return true;
}
