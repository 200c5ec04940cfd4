import { OPENAI_MARKER } from '../core/openai-marker.js';
import type { Decision } from '../core/types.js';
import { redactKeysIn } from '../detect/redact-keys-in.js';
import { loadBuiltinRules } from '../rules/load-rules.js';
import { oneLine } from '../suppress/decision-line.js';

/** Text typed in triage (a reason, a filter) as the screen may echo it: any key pasted into it redacted. */
export function withoutKeys(text: string): string {
  return redactKeysIn(text, OPENAI_MARKER, loadBuiltinRules().redactionPrefixes);
}

/**
 * A decision's free text (who, why) as keysweep carries it into reports, stores and files: one line, and
 * any key pasted into it redacted. Decisions come from hand-edited files and stores, so this runs on every
 * decision read as well as every one written.
 */
export function cleanDecision<T extends Pick<Decision, 'by' | 'reason'> & Partial<Pick<Decision, 'path'>>>(decision: T): T {
  const clean = (text: string) => redactKeysIn(oneLine(text), OPENAI_MARKER, loadBuiltinRules().redactionPrefixes);
  // A comma would let a name pose as the date that follows it in a .keysweepignore line.
  const cleaned = { ...decision, by: clean(decision.by).replace(/,/g, ' ').replace(/\s+/g, ' ').trim(), reason: clean(decision.reason) };
  return decision.path !== undefined && decision.path !== null ? { ...cleaned, path: clean(decision.path).replace(/\s/g, '') } : cleaned;
}
