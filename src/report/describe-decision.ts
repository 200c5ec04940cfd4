import type { AppliedDecision } from '../core/types.js';
import { printable } from './printable.js';

/**
 * One line about a triage decision, for text reports and SARIF justifications: what was decided, by whom,
 * when and why, and, when it no longer holds, why the key is open again. Who and why are text from a file
 * or a store: escaped.
 */
export function describeDecision(d: AppliedDecision): string {
  const scope = d.path !== null ? ` for ${printable(d.path)}` : '';
  const until = d.until !== null ? ` until ${printable(d.until)}` : '';
  const base = `${d.kind}${scope}${until} by ${printable(d.by)} on ${printable(d.at.slice(0, 10))}: ${printable(d.reason)}`;
  if (d.state === 'expired') return `REOPENED: accepted risk expired on ${printable(d.until ?? '')} (${base})`;
  if (d.state === 'contradicted') return `REOPENED: decided revoked, but the key verifies live (${base})`;
  return base;
}
