import { describe, expect, it } from 'vitest';
import { type HistoryFacts, planHistory, revisionsNamed } from '../../src/scan/plan-history.js';

const [A, B, S1, S2] = ['a', 'b', '1', '2'].map((c) => c.repeat(40)) as [string, string, string, string];
const facts = (resolved: Record<string, string | null>, stash: string[] = []): HistoryFacts => ({ resolved: new Map(Object.entries(resolved)), stash });

describe('planHistory, on facts alone', () => {
  it('all refs: --all plus every stash entry, for the walk and for attribution alike', () => {
    expect(planHistory({ kind: 'all' }, facts({}, [S1, S2]), 'r')).toEqual({
      selection: { kind: 'reachable', args: ['--all'], stdinRevisions: [S1, S2] },
      revisions: { args: ['--all'], stdin: [S1, S2] },
      label: 'all refs',
    });
  });

  it('unreachable: every object in the store', () => {
    expect(planHistory({ kind: 'unreachable' }, facts({}), 'r')).toEqual({ selection: { kind: 'all' }, revisions: { args: ['--all'], stdin: [] }, label: 'every object, reachable or not' });
  });

  it('branch, since and range use the resolved commit ids, never what the user typed', () => {
    expect(planHistory({ kind: 'branch', ref: 'main' }, facts({ main: A }), 'r').selection).toEqual({ kind: 'reachable', args: [], stdinRevisions: [A] });
    expect(planHistory({ kind: 'since', commit: 'v1' }, facts({ v1: B }), 'r').selection).toEqual({ kind: 'reachable', args: ['--all'], stdinRevisions: [`^${B}`] });
    const range = planHistory({ kind: 'range', from: 'v1', to: 'main' }, facts({ v1: B, main: A }), 'r');
    expect(range.selection).toEqual({ kind: 'reachable', args: [], stdinRevisions: [`^${B}`, A] });
    expect(range.revisions).toEqual({ args: [], stdin: [`^${B}`, A] });
    expect(range.label).toBe('range v1..main');
    expect(planHistory({ kind: 'branch', ref: 'main' }, facts({ main: A }), 'r').label).toBe('branch main');
    expect(planHistory({ kind: 'since', commit: 'v1' }, facts({ v1: B }), 'r').label).toBe('all refs since v1');
  });

  it('a revision that names no commit is a usage error that says which flag and repository', () => {
    expect(() => planHistory({ kind: 'branch', ref: 'nope' }, facts({ nope: null }), 'repo-x')).toThrow('--branch nope: no such commit in repo-x');
    expect(() => planHistory({ kind: 'range', from: 'a', to: 'b' }, facts({ a: A, b: null }), 'r')).toThrow('--range b: no such commit in r');
    expect(() => planHistory({ kind: 'range', from: 'a', to: 'b' }, facts({ a: null, b: B }), 'r')).toThrow('--range a: no such commit in r');
    expect(() => planHistory({ kind: 'since', commit: 'x' }, facts({}), 'r')).toThrow('--since-commit x');
  });

  it('names the revisions each scope needs resolved', () => {
    expect(revisionsNamed({ kind: 'range', from: 'a', to: 'b' })).toEqual(['a', 'b']);
    expect(revisionsNamed({ kind: 'branch', ref: 'm' })).toEqual(['m']);
    expect(revisionsNamed({ kind: 'since', commit: 'c' })).toEqual(['c']);
    expect(revisionsNamed({ kind: 'all' })).toEqual([]);
  });
});

describe('planHistory for a sweep\'s incremental scope', () => {
  it('excludes the known tips that still resolve, and ignores the ones that are gone', () => {
    const plan = planHistory({ kind: 'after', known: ['t1', 't2', 'gone'] }, facts({ t1: A, t2: B, gone: null }), 'r');
    expect(plan.selection).toEqual({ kind: 'reachable', args: ['--all'], stdinRevisions: [`^${A}`, `^${B}`] });
    expect(plan.label).toBe('new since the last sweep');
    expect(revisionsNamed({ kind: 'after', known: ['t1'] })).toEqual(['t1']);
    expect(planHistory({ kind: 'after', known: ['x'] }, facts({ x: null }), 'r').selection).toEqual({ kind: 'reachable', args: ['--all'], stdinRevisions: [] });
    // Stash entries (the reflog --all does not walk) are walked too, bounded by the known tips.
    expect(planHistory({ kind: 'after', known: ['t1'] }, facts({ t1: A }, [S1]), 'r').selection).toEqual({ kind: 'reachable', args: ['--all'], stdinRevisions: [S1, `^${A}`] });
  });
});
