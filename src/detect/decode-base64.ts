/**
 * Keys hidden in base64 (Kubernetes Secrets, Docker auths, base64 .env blobs, data URIs): found through a
 * prefilter of fixed strings, because the marker is fixed text its base64 forms at the three byte alignments
 * are fixed too. Only runs of base64 around such a hit are decoded, each once: linear in the input.
 */
const B64 = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_') B64[c.charCodeAt(0)] = 1;
const MAX_RUN = 1 << 20;

/** The marker's base64 forms, one for each byte alignment: the characters that depend on the marker's bytes alone. */
export function base64Forms(marker: string): string[] {
  const bytes = Buffer.from(marker, 'latin1');
  const forms: string[] = [];
  for (let o = 0; o < 3; o++) {
    const encoded = Buffer.concat([Buffer.alloc(o), bytes, Buffer.alloc(3)]).toString('base64');
    forms.push(encoded.slice(Math.ceil((8 * o) / 6), Math.floor((8 * o + 8 * bytes.length) / 6)));
  }
  return forms;
}

/** What detection searches for: each form in halves (and URL-safe spellings), so that a form cut by a line break (base64 wrapped at 76 columns) is still found by one of them. */
export function base64Needles(marker: string): Buffer[] {
  const needles: Buffer[] = [];
  for (const form of base64Forms(marker)) {
    const half = Math.ceil(form.length / 2);
    for (const part of [form.slice(0, half), form.slice(half)]) {
      needles.push(Buffer.from(part));
      const urlSafe = part.replace(/\+/g, '-').replace(/\//g, '_');
      if (urlSafe !== part) needles.push(Buffer.from(urlSafe));
    }
  }
  return needles;
}

/** A decoded base64 run: its bytes, and for each decoded byte the offset in the original of the character that begins its quantum. */
export type DecodedRun = { decoded: Buffer; start: number; end: number; offsetOf: (decodedOffset: number) => number };

/**
 * Every base64 run holding a needle hit (`hits`: positions, ascending), decoded; runs wrapped over lines,
 * MIME or YAML style, are joined. A run too short to hold the base64 of a `minKeyLength` key is passed over
 * undecoded, so a flood of short runs costs no more than reading them.
 */
export function* decodeBase64Runs(bytes: Buffer, hits: readonly number[], minKeyLength: number): Generator<DecodedRun> {
  const shortest = Math.ceil((minKeyLength * 4) / 3);
  let done = -1;
  for (const hit of hits) {
    if (hit < done) continue;
    const { start, end } = expand(bytes, hit);
    done = end;
    if (end - start < shortest) continue;
    // The characters of the run, without line breaks and indentation, with where each one came from.
    const chars = Buffer.allocUnsafe(end - start);
    const from = new Int32Array(end - start);
    let count = 0;
    for (let i = start; i < end; i++) {
      if (B64[bytes[i]!]) {
        chars[count] = bytes[i]!;
        from[count++] = i;
      }
    }
    if (count < shortest) continue;
    const text = chars.toString('latin1', 0, count).replace(/-/g, '+').replace(/_/g, '/');
    // The run may begin mid-quantum (a value glued to a prefix): try each start until the decode is clean.
    for (let skip = 0; skip < 4; skip++) {
      const usable = count - skip - ((count - skip) % 4 === 1 ? 1 : 0);
      const decoded = Buffer.from(text.slice(skip, skip + usable), 'base64');
      yield { decoded, start: from[skip]!, end, offsetOf: (d) => from[Math.min(count - 1, skip + Math.floor(d / 3) * 4)]! };
    }
  }
}

/** The fewest base64 characters a line must end in for the break after it to be crossed. */
export const WRAPPED_LINE_MIN = 4;

/** Whether the WRAPPED_LINE_MIN bytes before `end` are all base64. */
function endsInBase64(bytes: Buffer, end: number): boolean {
  if (end < WRAPPED_LINE_MIN) return false;
  for (let i = end - WRAPPED_LINE_MIN; i < end; i++) if (!B64[bytes[i]!]) return false;
  return true;
}

/**
 * The run of base64 around a hit, across line breaks followed by indentation and more base64, bounded in
 * size. A break is crossed only after a line that ends in WRAPPED_LINE_MIN base64 characters: a line shorter
 * than one base64 quantum is not wrapping, and the pack scan's anchors (history-anchors.ts) rely on no two
 * breaks being closer than that.
 */
function expand(bytes: Buffer, hit: number): { start: number; end: number } {
  let start = hit;
  while (start > 0 && hit - start < MAX_RUN) {
    if (B64[bytes[start - 1]!]) {
      start--;
      continue;
    }
    // A wrapped line: the previous line ends in base64 right before this line's break and indentation.
    let j = start - 1;
    while (j > 0 && (bytes[j] === 0x20 || bytes[j] === 0x09)) j--;
    if (bytes[j] === 0x0a) j--;
    if (bytes[j] === 0x0d) j--;
    if (j < start - 1 && endsInBase64(bytes, j + 1) && (bytes[j + 1] === 0x0a || bytes[j + 1] === 0x0d)) {
      start = j + 1;
      continue;
    }
    break;
  }
  let end = hit;
  while (end < bytes.length && end - hit < MAX_RUN) {
    if (B64[bytes[end]!]) {
      end++;
      continue;
    }
    let j = end;
    if (bytes[j] === 0x3d) {
      while (bytes[j] === 0x3d) j++;
      end = j;
      break;
    }
    if (!endsInBase64(bytes, end)) break;
    if (bytes[j] === 0x0d) j++;
    if (bytes[j] !== 0x0a) break;
    j++;
    while (bytes[j] === 0x20 || bytes[j] === 0x09) j++;
    if (j < bytes.length && B64[bytes[j]!]) {
      end = j;
      continue;
    }
    break;
  }
  return { start, end };
}
