import type { Decision } from '../core/types.js';
import { formatDecisionLine, parseDecisionLine } from './decision-line.js';

/**
 * A .keysweepignore text with these decisions written in: a decision replaces the line of the same key and
 * path where it stands, a new one goes among the decision lines in hash order (so two people deciding about
 * different keys touch different lines and their branches merge), and every other line is kept as it is.
 */
export function upsertDecisions(text: string, decisions: Decision[], removals: Array<Pick<Decision, 'sha256' | 'path'>> = []): string {
  let lines = text === '' ? [] : text.replace(/\r?\n$/, '').split(/\r?\n/);
  const scope = (d: Pick<Decision, 'sha256' | 'path'>) => `${d.sha256}\u0000${d.path ?? ''}`;
  // Undoing a first decision takes its line out; nothing else in the file changes.
  const removed = new Set(removals.map(scope));
  lines = lines.filter((l) => {
    const p = parseDecisionLine(l.trim());
    return !(p !== null && typeof p !== 'string' && removed.has(scope(p)));
  });
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
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
