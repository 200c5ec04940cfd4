import type { CompiledRule, RuleSet } from '../rules/rule-types.js';
import { classify } from './detect.js';
import { MAX_GAP, gluedBefore, isQuote, jointAt } from './split-joints.js';

/**
 * A key written in pieces (issue 12): string literals joined by `+`, `.`, `..` or implicit concatenation,
 * on one line or consecutive lines, or a word broken by a `\` line continuation.
 */
export type AssembledKey = {
  /** The pieces joined: the value the program builds. */
  secret: string;
  /** Byte offset of the first piece's `s`. */
  offset: number;
  /** Byte offset just past the last key byte of the last piece. */
  end: number;
  /** Runs of key characters that make up the secret (at least 2). */
  pieces: number;
  /** What `classify` said about the joined text. */
  rule: CompiledRule;
  /**
   * The joined key has a length OpenAI is known to issue: its rule is a `high` confidence rule (admin 133,
   * project 164/132/56, service account 167/135/59, legacy 51, sk-None- 56, named service account with
   * 20 + marker + 20). Integration reports `high` when true and `low` otherwise.
   */
  exactLength: boolean;
};

/** Counts bytes the chain walks, so a test can prove the work is linear without timing anything. */
export type SplitWorkMeter = { bytesWalked: number; starts: number };

/**
 * Splitting a key into more pieces than this is not something a person does by hand; generated data
 * with thousands of tiny literals is walked (to find where it ends) but never reported.
 */
export const MAX_PIECES = 64;

const SK = Buffer.from('sk-');

/**
 * Pure: finds keys cut into pieces and returns them joined. Only a value that starts with `sk-` right
 * after a quote or at a word start, whose pieces together carry the marker, and whose joined text
 * `classify` accepts as a whole key is reported; a single piece is the normal detector's job.
 *
 * Linear in the input: `sk-` is found with `indexOf`, each chain is walked once to its natural end (the
 * end of the value, not a cap, so a piece in the middle of a longer value is never taken for a key's
 * start), and the search resumes past everything the walk examined.
 */
export function assembleSplitKeys(bytes: Buffer, rules: RuleSet, meter?: SplitWorkMeter): AssembledKey[] {
  const out: AssembledKey[] = [];
  const marker = rules.marker.toString('latin1');
  let from = 0;
  for (;;) {
    const start = bytes.indexOf(SK, from);
    if (start < 0) break;
    // Glued to a key character (task-, xsk-…): not the start of a value, and cheap to pass over.
    if (start > 0 && rules.tokenByte[bytes[start - 1]!]) {
      from = start + 1;
      continue;
    }
    // Looks back no further than the last walk's end, so successive looks never overlap.
    const floor = Math.max(from - 1, 0);
    const glued = gluedBefore(bytes, start, floor, rules.tokenByte);
    // A glued value is still walked to its end, so none of its later pieces is taken for a key's start.
    const chain = walkChain(bytes, start, rules);
    if (meter) {
      meter.bytesWalked += chain.resume - Math.max(floor, start - 1 - MAX_GAP);
      meter.starts++;
    }
    from = chain.resume;
    const { text } = chain;
    if (glued || text === null || chain.pieces < 2 || chain.pieces > MAX_PIECES || !text.includes(marker)) continue;
    const rule = classify(text, rules);
    if (rule) out.push({ secret: text, offset: start, end: chain.end, pieces: chain.pieces, rule, exactLength: rule.confidence === 'high' });
  }
  return out;
}

/** A walked chain: its joined text (null when too long or unknowable), where it ends, where to resume. */
type Chain = { text: string | null; pieces: number; end: number; resume: number };

/**
 * Walks runs of key characters from `start`, across joints, until the value's run of key characters
 * ends. The text is kept only up to `tokenMaxLength`: a longer value is no key, but is still walked to
 * its end. The walk never examines a byte before `start` (but the quote) or past `resume`.
 */
function walkChain(bytes: Buffer, start: number, rules: RuleSet): Chain {
  const { tokenByte, tokenMaxLength } = rules;
  const before = bytes[start - 1];
  let quote = isQuote(before) ? before! : 0;
  let text = '';
  let length = 0;
  let pieces = 0;
  let end = start;
  let i = start;
  for (;;) {
    const runStart = i;
    while (i < bytes.length && tokenByte[bytes[i]!]) i++;
    if (i > runStart) {
      pieces++;
      end = i;
      length += i - runStart;
      if (length <= tokenMaxLength) text += bytes.toString('latin1', runStart, i);
    }
    const joint = jointAt(bytes, i, quote, tokenByte);
    if (joint.kind === 'joined') {
      i = joint.next;
      quote = joint.quote;
      continue;
    }
    // The run stopped, but an escape may hide more key characters: the value cannot be known.
    const known = joint.kind === 'end' && length <= tokenMaxLength;
    return { text: known ? text : null, pieces, end, resume: Math.max(joint.resume, i, start + 1) };
  }
}
