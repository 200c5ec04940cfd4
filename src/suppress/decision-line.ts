import { isCalendarDate } from '../core/calendar-date.js';
import { DECISION_KINDS, type Decision, type DecisionKind } from '../core/types.js';

/**
 * A triage decision as one line of `.keysweepignore`, readable and editable by hand and friendly to merges
 * (no line numbers, one line per key and path, nothing that changes unless the decision does):
 *
 *   <sha256> <kind> [path=<glob>] [until=<YYYY-MM-DD>] # <who>, <when>: <why>
 *
 * e.g. `3f…9a accepted-risk until=2027-01-31 # Ann Lee <ann@example.com>, 2026-11-27T10:00:00Z: demo key, rotated monthly`.
 * The whole comment after `#` is part of the decision; `who` and `why` are free text on one line.
 */
const LINE = /^([0-9a-f]{64})\s+([a-z-]+)((?:\s+(?:path|until)=\S+)*)\s+#\s?(.*?),\s+(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z):\s?(.*)$/i;

/** The decision on a line, null when the line is not a decision line, or a string saying what is wrong with one that tries to be. */
export function parseDecisionLine(line: string): Decision | string | null {
  const head = /^([0-9a-f]{64})\s+([a-z-]+)(\s|$)/i.exec(line);
  if (!head) return null;
  const match = LINE.exec(line);
  if (!match) return `a decision needs "# who, when: why" after "${head[2]}"`;
  const [, sha, kind, options, by, at, reason] = match as unknown as [string, string, string, string, string, string, string];
  if (!DECISION_KINDS.includes(kind as DecisionKind)) return `unknown decision "${kind}" (${DECISION_KINDS.join(', ')})`;
  let path: string | null = null;
  let until: string | null = null;
  for (const option of options.trim().split(/\s+/).filter(Boolean)) {
    const [name, value] = [option.slice(0, option.indexOf('=')), option.slice(option.indexOf('=') + 1)];
    if (name === 'path') path = value;
    else if (!isCalendarDate(value)) return `until= takes a date (YYYY-MM-DD), not "${value}"`;
    else until = value;
  }
  if (until !== null && kind !== 'accepted-risk') return 'until= applies to accepted-risk only';
  return { sha256: sha.toLowerCase(), kind: kind as DecisionKind, reason: reason.trim(), by: by.trim(), at, until, path };
}

/** The line for a decision; who and why are made single-line and stripped of control characters. */
export function formatDecisionLine(decision: Decision): string {
  const options = [decision.path !== null ? `path=${decision.path}` : null, decision.until !== null ? `until=${decision.until}` : null].filter(Boolean);
  return [decision.sha256, decision.kind, ...options, `# ${oneLine(decision.by)}, ${decision.at}: ${oneLine(decision.reason)}`].join(' ');
}

/** Text that fits in one line of the file: no control characters, no line breaks, single spaces. */
export function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]+/g, ' ').replace(/\s+/g, ' ').trim();
}
