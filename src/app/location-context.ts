import { OPENAI_MARKER } from '../core/openai-marker.js';
import type { Location } from '../core/types.js';
import { redactKeysIn } from '../detect/redact-keys-in.js';
import type { RuleSet } from '../rules/rule-types.js';
import { keyAt, windowAround } from './recover-secret.js';
import type { RunContext } from './run-context.js';

const AROUND = 160;
const SHOWN = 200;

/**
 * The source line around a key, as triage shows it, only when the key with this SHA-256 is at the offset: read from the file or blob the location names (a
 * bounded window, never the whole object), cut to the line, every key in it redacted, at most 200
 * characters. Null for binary content or when nothing can be read.
 */
export async function contextLine(location: Location, sha256: string, rules: RuleSet, context: RunContext): Promise<string | null> {
  if (location.line === null) return null;
  const window = await windowAround(location, AROUND, rules.tokenMaxLength + AROUND, context);
  if (!window) return null;
  const at = location.offset - window.start;
  // Only where the key really is: a crafted report naming any file and offset shows nothing of that file.
  if (!keyAt(window.bytes.subarray(at), sha256, rules)) return null;
  const text = window.bytes.toString('latin1');
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  let line = Buffer.from(text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd), 'latin1').toString('utf8');
  // A window edge can cut another key in two, leaving a piece without the marker that redaction looks for:
  // a run of key characters at a cut edge is dropped.
  if (lineStart === 0 && window.start > 0) line = `…${line.replace(/^[A-Za-z0-9_-]+/, '')}`;
  if (lineEnd === -1 && window.bytes.length >= at + rules.tokenMaxLength + AROUND) line = `${line.replace(/[A-Za-z0-9_-]+$/, '')}…`;
  const redacted = redactKeysIn(line, OPENAI_MARKER, rules.redactionPrefixes).replace(/\s+$/, '');
  return redacted.length > SHOWN ? `${redacted.slice(0, SHOWN - 1)}…` : redacted;
}
