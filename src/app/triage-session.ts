import type { AppliedDecision, DecisionKind, Finding, Verification } from '../core/types.js';

/** What triage asks of the world, behind one interface so the UI can be tested with stand-ins. */
export type TriageEffects = {
  /** Checks keys with OpenAI (through the verifier and its cache); keys that cannot be read back are left out. */
  verify(findings: Finding[]): Promise<Array<{ sha256: string; verification: Verification }>>;
  /** Saves one decision for each key, at once and atomically; returns the decisions as they now apply. */
  decide(request: { kind: DecisionKind; sha256s: string[]; reason: string; until: string | null }): Promise<Array<{ sha256: string; decision: AppliedDecision }>>;
  /** Puts back what a decision replaced (undo): the earlier decision, or none. */
  restore(previous: Array<{ sha256: string; decision: AppliedDecision | null }>): Promise<void>;
  /** The source line at each location, the key in it redacted; null where it cannot be read. */
  context(finding: Finding): Promise<Array<string | null>>;
  /** Opens the revocation page where a browser opener exists; says what it did. */
  openPage(url: string): Promise<string>;
  /** The full key (sessions started with --show-secrets only), or null. */
  reveal(finding: Finding): Promise<string | null>;
};

/** Where a session's decisions are saved, for the header and messages. */
export type TriageSession = { title: string; items: Array<{ finding: Finding; repos: string[]; decision: AppliedDecision | null }>; savesTo: string; effects: TriageEffects };
