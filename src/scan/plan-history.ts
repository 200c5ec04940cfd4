import { UsageError } from '../core/errors.js';
import type { ObjectSelection } from '../sources/git/stream-objects.js';
import type { Revisions } from './attribute-history.js';

/** A history scan's scope, as the user gives it on the command line. */
export type HistoryScopeSpec =
  | { kind: 'all' }
  | { kind: 'unreachable' }
  | { kind: 'branch'; ref: string }
  | { kind: 'since'; commit: string }
  | { kind: 'range'; from: string; to: string }
  /** Everything new since these ref tips were scanned (a sweep's incremental scope); tips gone since are ignored. */
  | { kind: 'after'; known: string[] };

/**
 * What the repository says about a scope, gathered with git before planning (history-facts.ts): each
 * revision the user typed, resolved to a commit id or null when it names no commit, and the stash
 * entries (older ones live only in the stash reflog, which `--all` does not walk).
 */
export type HistoryFacts = { resolved: ReadonlyMap<string, string | null>; stash: string[] };

export type HistoryPlan = { selection: ObjectSelection; revisions: Revisions; label: string };

/** The revisions a scope names, in the order planning needs them (what history-facts.ts resolves). */
export function revisionsNamed(scope: HistoryScopeSpec): string[] {
  switch (scope.kind) {
    case 'branch':
      return [scope.ref];
    case 'since':
      return [scope.commit];
    case 'range':
      return [scope.from, scope.to];
    case 'after':
      return scope.known;
    default:
      return [];
  }
}

/**
 * Turns a scope into the objects to stream and the revisions attribution walks. Pure: the facts carry
 * every revision resolved to a commit id, so nothing the user typed reaches git as an option.
 */
export function planHistory(scope: HistoryScopeSpec, facts: HistoryFacts, repoShown: string): HistoryPlan {
  const commit = (revision: string, flag: string) => {
    const id = facts.resolved.get(revision);
    if (!id) throw new UsageError(`${flag} ${revision}: no such commit in ${repoShown}`);
    return id;
  };
  const reachable = (args: string[], stdin: string[], label: string): HistoryPlan => ({
    selection: { kind: 'reachable', args, stdinRevisions: stdin },
    revisions: { args, stdin },
    label,
  });
  switch (scope.kind) {
    case 'all':
      return reachable(['--all'], facts.stash, 'all refs');
    case 'unreachable':
      // Attribution walks from every commit in the store; the scan supplies them once they have streamed.
      return { selection: { kind: 'all' }, revisions: { args: ['--all'], stdin: [] }, label: 'every object, reachable or not' };
    case 'branch':
      return reachable([], [commit(scope.ref, '--branch')], `branch ${scope.ref}`);
    case 'since':
      return reachable(['--all'], [`^${commit(scope.commit, '--since-commit')}`], `all refs since ${scope.commit}`);
    case 'after': {
      // A tip force-pushed away no longer resolves: it bounds nothing, so what replaced it is scanned.
      const still = [...new Set(scope.known.map((tip) => facts.resolved.get(tip)).filter((id): id is string => Boolean(id)))];
      // Older stash entries live only in the stash reflog, which --all does not walk.
      return reachable(['--all'], [...facts.stash, ...still.map((id) => `^${id}`)], 'new since the last sweep');
    }
    case 'range': {
      const from = commit(scope.from, '--range');
      const to = commit(scope.to, '--range');
      return reachable([], [`^${from}`, to], `range ${scope.from}..${scope.to}`);
    }
  }
}
