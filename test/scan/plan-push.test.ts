import { describe, expect, it } from 'vitest';
import { planPush } from '../../src/scan/plan-push.js';
import type { PushFacts } from '../../src/sources/git/push-facts.js';

const ZERO = '0'.repeat(40);
const id = (c: string) => c.repeat(40);
const [A, B, C, T1, T2] = [id('a'), id('b'), id('c'), id('1'), id('2')];

function facts(over: Partial<PushFacts>): PushFacts {
  return { remote: 'origin', updates: [], remoteShasHere: [], trackingRefs: [], trackingRefsDescribeTarget: true, remoteShasFromServer: true, extraTips: [], ...over };
}
const update = (localSha: string, remoteSha: string, ref = 'refs/heads/main') => ({ localRef: ref, localSha, remoteRef: ref, remoteSha });

describe('planPush, on facts alone', () => {
  it('an update: the pushed tip, minus the remote sha (when here) and the tracking refs', () => {
    const plan = planPush(facts({ updates: [update(A, B)], remoteShasHere: [B], trackingRefs: [T1] }))!;
    expect(plan.revisions.stdin).toEqual([A, `^${B}`, `^${T1}`]);
    expect(plan.selection).toEqual({ kind: 'reachable', args: [], stdinRevisions: [A, `^${B}`, `^${T1}`] });
    expect(plan.label).toBe('push to origin (refs/heads/main)');
    expect(plan.revisions).toEqual({ args: [], stdin: [A, `^${B}`, `^${T1}`] });
  });

  it('labels a push without remote ref names by the remote alone', () => {
    expect(planPush(facts({ remote: 'up', updates: [update(A, ZERO, '')] }))!.label).toBe('push to up');
    expect(planPush(facts({ remote: 'up', updates: [update(A, ZERO, 'refs/heads/a'), update(C, ZERO, 'refs/tags/t')] }))!.label).toBe('push to up (refs/heads/a, refs/tags/t)');
  });

  it('a deletion adds nothing; a push of only deletions is no plan', () => {
    expect(planPush(facts({ updates: [update(ZERO, B)], remoteShasHere: [B] }))).toBeNull();
    expect(planPush(facts({ updates: [] }))).toBeNull();
    const mixed = planPush(facts({ updates: [update(ZERO, B, 'refs/heads/old'), update(A, ZERO, 'refs/heads/new')], remoteShasHere: [B], trackingRefs: [T1] }))!;
    expect(mixed.revisions.stdin).toEqual([A, `^${B}`, `^${T1}`]);
  });

  it('a new branch or tag is bounded by the tracking refs alone', () => {
    expect(planPush(facts({ updates: [update(A, ZERO, 'refs/tags/v1')], trackingRefs: [T1, T2] }))!.revisions.stdin).toEqual([A, `^${T1}`, `^${T2}`]);
  });

  it('a force-push over a commit never fetched: the unknown remote sha is no bound', () => {
    expect(planPush(facts({ updates: [update(A, C)], remoteShasHere: [], trackingRefs: [T1] }))!.revisions.stdin).toEqual([A, `^${T1}`]);
  });

  it('a remote sha only counts if the update names it (facts cannot smuggle in a bound)', () => {
    expect(planPush(facts({ updates: [update(A, ZERO)], remoteShasHere: [B] }))!.revisions.stdin).toEqual([A]);
  });

  it('several refs: every tip once, every bound once', () => {
    const plan = planPush(facts({ updates: [update(A, B), update(A, C, 'refs/heads/x'), update(C, B, 'refs/heads/y')], remoteShasHere: [B, C], trackingRefs: [B] }))!;
    expect(plan.revisions.stdin).toEqual([A, C, `^${B}`, `^${C}`]);
  });

  it('pushurl differs from url (or a bare URL): tracking refs bound nothing, git\'s remote shas still do', () => {
    const plan = planPush(facts({ updates: [update(A, B), update(C, ZERO, 'refs/heads/n')], remoteShasHere: [B], trackingRefs: [T1], trackingRefsDescribeTarget: false }))!;
    expect(plan.revisions.stdin).toEqual([A, C, `^${B}`]);
  });

  it('a range from the pre-commit framework counts only when the tracking refs describe the target', () => {
    const framework = { updates: [update(A, B)], remoteShasHere: [B], trackingRefs: [T1], remoteShasFromServer: false };
    expect(planPush(facts({ ...framework, trackingRefsDescribeTarget: true }))!.revisions.stdin).toEqual([A, `^${B}`, `^${T1}`]);
    expect(planPush(facts({ ...framework, trackingRefsDescribeTarget: false }))!.revisions.stdin).toEqual([A]);
  });

  it('extra tips (every local branch and tag, for the framework) join the tips', () => {
    expect(planPush(facts({ updates: [update(A, ZERO)], extraTips: [C, A], trackingRefs: [T1] }))!.revisions.stdin).toEqual([A, C, `^${T1}`]);
  });
});
