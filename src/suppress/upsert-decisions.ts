import type { Decision } from '../core/types.js';
import { formatDecisionLine, parseDecisionLine } from './decision-line.js';

/**
 * A .keysweepignore text with these decisions written in: a decision replaces the line of the same key and
 * path where it stands, a new one goes among the decision lines in hash order (so two people deciding about
 * different keys touch different lines and their branches merge), and every other line is kept as it is.
 */
export function upsertDecisions(text: string, decisions: Decision[]): string {
  const lines = text === '' ? [] : text.replace(/\r?\n$/, '').split(/\r?\n/);
  const scope = (d: Pick<Decision, 'sha256' | 'path'>) => `${d.sha256}\u0000${d.path ?? ''}`;
  for (const decision of decisions) {
    const line = formatDecisionLine(decision);
    const parsed = lines.map((l) => parseDecisionLine(l.trim()));
    const same = parsed.findIndex((p) => p !== null && typeof p !== 'string' && scope(p) === scope(decision));
    if (same !== -1) {
      lines[same] = line;
      continue;
    }
    const after = parsed.findIndex((p) => p !== null && typeof p !== 'string' && scope(p) > scope(decision));
    if (after !== -1) lines.splice(after, 0, line);
    else lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}
