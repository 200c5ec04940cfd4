import ignore from 'ignore';
import type { Decision } from '../core/types.js';
import { parseDecisionLine } from './decision-line.js';
import type { PathRule } from './suppressions.js';

/** A parsed ignore file; `errors` names the decision lines that could not be read (line number: why). */
export type IgnoreFile = { secretHashes: string[]; pathRule: PathRule | null; decisions: Decision[]; errors: string[] };

const SHA256 = /^[0-9a-f]{64}$/i;

/**
 * `.keysweepignore`: one entry per line. A 64-hex line is a secret's SHA-256 (as shown in every report);
 * anything else is a path glob in .gitignore syntax, relative to the directory holding the file.
 * A hash followed by a decision (`<sha256> false-positive … # who, when: why`) is a triage decision
 * (decision-line.ts). `#` starts a comment line. A full key written here would itself be a leak, so keys are
 * never accepted.
 */
export function parseIgnoreFile(text: string, root: string): IgnoreFile {
  const secretHashes: string[] = [];
  const globs: string[] = [];
  const decisions: Decision[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (SHA256.test(line)) {
      secretHashes.push(line.toLowerCase());
      return;
    }
    const decision = parseDecisionLine(line);
    if (decision === null) globs.push(line);
    else if (typeof decision === 'string') errors.push(`line ${index + 1}: ${decision}`);
    else decisions.push(decision);
  });
  const pathRule = globs.length > 0 ? { root, matcher: ignore({ allowRelativePaths: true }).add(globs) } : null;
  return { secretHashes, pathRule, decisions, errors };
}
