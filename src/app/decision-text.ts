import { OPENAI_MARKER } from '../core/openai-marker.js';
import type { Decision } from '../core/types.js';
import { redactKeysIn } from '../detect/redact-keys-in.js';
import { loadBuiltinRules } from '../rules/load-rules.js';
import { oneLine } from '../suppress/decision-line.js';

/**
 * A decision's free text (who, why) as keysweep carries it into reports, stores and files: one line, and
 * any key pasted into it redacted. Decisions come from hand-edited files and stores, so this runs on every
 * decision read as well as every one written.
 */
export function cleanDecision<T extends Pick<Decision, 'by' | 'reason'>>(decision: T): T {
  const clean = (text: string) => redactKeysIn(oneLine(text), OPENAI_MARKER, loadBuiltinRules().redactionPrefixes);
  return { ...decision, by: clean(decision.by), reason: clean(decision.reason) };
}
