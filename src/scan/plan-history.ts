import { UsageError } from '../core/errors.js';
import { resolveRevision, stashEntries } from '../sources/git/list-refs.js';
import type { GitRepo } from '../sources/git/open-repo.js';
import type { ObjectSelection } from '../sources/git/stream-objects.js';
import type { Revisions } from './attribute-history.js';

/** A history scan's scope, as the user gives it on the command line. */
export type HistoryScopeSpec =
  | { kind: 'all' }
  | { kind: 'unreachable' }
  | { kind: 'branch'; ref: string }
  | { kind: 'since'; commit: string }
  | { kind: 'range'; from: string; to: string };

export type HistoryPlan = { selection: ObjectSelection; revisions: Revisions; label: string };

/**
 * Turns a scope into the objects to stream and the revisions attribution walks. User revisions are
 * resolved to commit ids first, so nothing the user typed reaches git as an option.
 */
export async function planHistory(repo: GitRepo, scope: HistoryScopeSpec): Promise<HistoryPlan> {
  const commit = async (revision: string, flag: string) => {
    const id = await resolveRevision(repo, revision);
    if (!id) throw new UsageError(`${flag} ${revision}: no such commit in ${repo.shown}`);
    return id;
  };
  switch (scope.kind) {
    case 'all': {
      const stash = await stashEntries(repo);
      return { selection: { kind: 'reachable', args: ['--all'], stdinRevisions: stash }, revisions: { args: ['--all'], stdin: stash }, label: 'all refs' };
    }
    case 'unreachable':
      // Attribution walks from every commit in the store; the caller fills `stdin` as commits stream past.
      return { selection: { kind: 'all' }, revisions: { args: ['--all'], stdin: [] }, label: 'every object, reachable or not' };
    case 'branch': {
      const id = await commit(scope.ref, '--branch');
      return { selection: { kind: 'reachable', args: [], stdinRevisions: [id] }, revisions: { args: [], stdin: [id] }, label: `branch ${scope.ref}` };
    }
    case 'since': {
      const id = await commit(scope.commit, '--since-commit');
      const revs = [`^${id}`];
      return { selection: { kind: 'reachable', args: ['--all'], stdinRevisions: revs }, revisions: { args: ['--all'], stdin: revs }, label: `all refs since ${scope.commit}` };
    }
    case 'range': {
      const from = await commit(scope.from, '--range');
      const to = await commit(scope.to, '--range');
      const revs = [`^${from}`, to];
      return { selection: { kind: 'reachable', args: [], stdinRevisions: revs }, revisions: { args: [], stdin: revs }, label: `range ${scope.from}..${scope.to}` };
    }
  }
}
