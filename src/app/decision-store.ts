import { resolve } from 'node:path';
import type { AppliedDecision, Decision, DecisionKind } from '../core/types.js';
import { openSweepStore } from '../sweep/sweep-store.js';
import { IGNORE_FILE_NAME } from './load-suppressions.js';
import { type DecisionTarget, recordDecisions } from './record-decisions.js';
import type { RunContext } from './run-context.js';
import { writeDecisionsToIgnoreFile } from './write-ignore-file.js';

/** Where a triage session saves decisions, and how it takes one back (undo), whatever the target. */
export function decisionStore(target: DecisionTarget, context: RunContext) {
  return {
    async record(request: { kind: DecisionKind; sha256s: string[]; reason: string; until: string | null }): Promise<Decision[]> {
      const { decisions } = await recordDecisions({ shas: request.sha256s, kind: request.kind, reason: request.reason, until: request.until, path: null, target, now: new Date().toISOString() }, context);
      return decisions;
    },
    /** Puts back each key's earlier decision as it was, or none; a store keeps the undo in its history too. */
    async restore(previous: Array<{ sha256: string; decision: AppliedDecision | null }>): Promise<void> {
      const back: Decision[] = previous.flatMap(({ sha256, decision }) => (decision ? [{ sha256, kind: decision.kind, reason: decision.reason, by: decision.by, at: decision.at, until: decision.until, path: decision.path }] : []));
      const cleared = previous.filter((p) => p.decision === null).map((p) => p.sha256);
      if (target.kind === 'directory') {
        await writeDecisionsToIgnoreFile(resolve(context.cwd, target.path, IGNORE_FILE_NAME), back, cleared.map((sha256) => ({ sha256, path: null })));
        return;
      }
      const store = openSweepStore(resolve(context.cwd, target.path), 'existing');
      try {
        store.recordDecisions(back);
        store.clearDecisions(cleared, new Date().toISOString());
      } finally {
        store.close();
      }
    },
  };
}
