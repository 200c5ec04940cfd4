import { findMarkerForms } from './marker-forms.js';
import { redact } from './redact.js';

/**
 * Replaces anything key-like inside a short piece of text (a file name, an error message) with a redacted
 * form. Deliberately broader than detection: a run of key characters around the marker is hidden even when
 * it is glued to other text (`named-sk-…`), because here a false positive costs nothing and a miss leaks a key.
 */
export function redactKeysIn(text: string, marker: string, prefixes: readonly string[]): string {
  return maskKeyPieces(redactPlain(maskEncoded(text, marker), marker, prefixes), prefixes);
}

/**
 * The first piece of a key cut inside the marker (`"sk-…T3" + "BlbkFJ…"`) holds neither half of it: any
 * long `sk-` token is cut to its redacted form too. Tokens already redacted are too short to match again.
 */
function maskKeyPieces(text: string, prefixes: readonly string[]): string {
  let out = text.includes('sk-') ? text.replace(/(?<![A-Za-z0-9_])sk-[A-Za-z0-9_-]{17,400}/g, (token) => redact(token, prefixes)) : text;
  // The second piece of a key cut late in the marker starts with its tail (`kFJ`, `FJ` or `J`) right
  // after a quote or a line break: cut like any other long run.
  if (out.includes('J')) out = out.replace(/(?<=["'`\n])(?:kFJ|FJ|J)[A-Za-z0-9_-]{17,400}/g, (token) => `${token.slice(0, 4)}…${token.slice(-4)}`);
  return out;
}

const ENCODED = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-') ENCODED[c.charCodeAt(0)] = 1;
const isEncoded = (text: string, i: number) => ENCODED[text.charCodeAt(i)] === 1;
const isBlank = (text: string, i: number) => text[i] === ' ' || text[i] === '\t';

/**
 * Base64 or hex text holding the marker's encoded form (a key in a Kubernetes secret, a base64 .env), and a
 * piece of a key cut in two, is a key too: the whole run is cut to its first and last four characters.
 */
function maskEncoded(text: string, marker: string): string {
  const bytes = Buffer.from(text, 'latin1');
  const forms = findMarkerForms(bytes, Buffer.from(marker, 'latin1'), false, true, Infinity, true);
  // A half of the marker is a piece of a key written in pieces ("…T3Bl" + "bkFJ…"): each piece is masked too.
  const hits = [...(forms.get('base64') ?? []), ...(forms.get('hex') ?? []), ...(forms.get('half') ?? [])].sort((a, b) => a - b);
  if (hits.length === 0) return text;
  let out = '';
  let done = 0;
  for (const hit of hits) {
    if (hit < done) continue;
    // Across line breaks and indentation too: base64 wrapped at 76 columns holds the key on every line.
    const start = runStart(text, hit, done);
    const end = runEnd(text, hit, done);
    // A whole key is left to redactPlain, which keeps its prefix readable; a run too short to hold 12
    // characters of a key is harmless, and left as it is so that redacting twice changes nothing.
    const keep = end - start < SHORTEST_MASKED || text.slice(start, end).includes(marker);
    out += keep ? text.slice(done, end) : `${text.slice(done, start)}${text.slice(start, start + 4)}…${text.slice(end - 4, end)}`;
    done = end;
  }
  return out + text.slice(done);
}

const SHORTEST_MASKED = 16;

function redactPlain(text: string, marker: string, prefixes: readonly string[]): string {
  // Stryker disable next-line ConditionalExpression: equivalent (a fast path: without the marker the pattern matches nothing)
  if (!text.includes(marker)) return text;
  const run = new RegExp(`[A-Za-z0-9_-]{0,400}${marker}[A-Za-z0-9_-]{0,400}`, 'g');
  return text.replace(run, (token) => {
    const sk = token.indexOf('sk-');
    // Stryker disable next-line EqualityOperator: equivalent (the marker starts with T, so "sk-" never starts where it does)
    if (sk !== -1 && sk < token.indexOf(marker)) return token.slice(0, sk) + redact(token.slice(sk), prefixes);
    return `${token.slice(0, 4)}…${token.slice(-4)}`;
  });
}

/** How many blanks start the line that holds position `at` (looking back no further than `floor`), and where it starts. */
function lineIndent(text: string, at: number, floor: number): { lineStart: number; indent: number } {
  let lineStart = at;
  while (lineStart > floor && text[lineStart - 1] !== '\n') lineStart--;
  let i = lineStart;
  while (isBlank(text, i)) i++;
  return { lineStart, indent: i - lineStart };
}

/**
 * Where the encoded run around `hit` begins, not before `floor`, joining lines wrapped at the same
 * indentation (MIME at none, a YAML block scalar at its own): a line indented otherwise is other text.
 * Each step looks back only over text no earlier run took, so the work over all runs is linear.
 */
function runStart(text: string, hit: number, floor: number): number {
  let start = hit;
  for (;;) {
    while (start > floor && isEncoded(text, start - 1)) start--;
    const { lineStart, indent } = lineIndent(text, start, floor);
    if (start !== lineStart + indent || lineStart - 1 <= floor) return start;
    let end = lineStart - 1;
    if (text[end - 1] === '\r') end--;
    if (end <= floor || !isEncoded(text, end - 1) || lineIndent(text, end, floor).indent !== indent) return start;
    start = end;
  }
}

/** Where the encoded run from `hit` ends, joining lines wrapped at the same indentation. */
function runEnd(text: string, hit: number, floor: number): number {
  const { indent } = lineIndent(text, hit, floor);
  let end = hit;
  for (;;) {
    while (end < text.length && isEncoded(text, end)) end++;
    let j = end;
    if (text[j] === '\r') j++;
    if (text[j] !== '\n') return end;
    j++;
    let blanks = 0;
    while (isBlank(text, j + blanks)) blanks++;
    if (blanks !== indent || !isEncoded(text, j + blanks)) return end;
    end = j + blanks;
  }
}
