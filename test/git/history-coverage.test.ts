import { describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { redacted } from '../helpers/redacted.js';
import { findingFor, historyJson } from '../helpers/history-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const rng = seededRng(32);

describe('history coverage: every blob of every ref, once', () => {
  it('finds keys on a side branch, a tag no branch reaches, a remote-tracking ref, every stash entry, notes and an evil merge', async () => {
    const repo = await tempDir();
    await initRepo(repo);
    const names = ['branch', 'tag', 'remote', 'stash1', 'stash2', 'notes', 'evil', 'message'] as const;
    const keys = Object.fromEntries(names.map((name) => [name, fakeKey('project-v1', rng)])) as Record<(typeof names)[number], string>;
    await commit(repo, { 'app.py': 'print(1)\n' }, 'initial', 1);
    git(repo, ['checkout', '-q', '-b', 'feature']);
    const onBranch = await commit(repo, { 'feature.py': `KEY = "${keys.branch}"\n` }, 'feature work', 2);
    git(repo, ['checkout', '-q', '--detach', 'main']);
    const tagged = await commit(repo, { 'hotfix.env': `K=${keys.tag}\n` }, 'hotfix', 3);
    git(repo, ['tag', '-a', 'v1-hotfix', '-m', 'hotfix release'], { date: 3 });
    await commit(repo, { 'remote.env': `K=${keys.remote}\n` }, 'fetched from elsewhere', 4);
    git(repo, ['update-ref', 'refs/remotes/origin/other', 'HEAD']);
    git(repo, ['checkout', '-q', 'main']);
    await commit(repo, { 'app.py': `print(1)\n# ${keys.stash1}\n` }, 'ignored', 5);
    git(repo, ['reset', '-q', '--soft', 'HEAD~1']);
    git(repo, ['stash', '-q'], { date: 5 });
    await commit(repo, { 'app.py': `print(2)\n# ${keys.stash2}\n` }, 'ignored', 6);
    git(repo, ['reset', '-q', '--soft', 'HEAD~1']);
    git(repo, ['stash', '-q'], { date: 6 });
    git(repo, ['notes', 'add', '-m', `deploy with ${keys.notes}`, 'HEAD'], { date: 7 });
    git(repo, ['checkout', '-q', '-b', 'side', 'main']);
    await commit(repo, { 'side.txt': 'side\n' }, 'side', 8);
    git(repo, ['checkout', '-q', 'main']);
    git(repo, ['merge', '-q', '--no-ff', '--no-commit', 'side'], { date: 9 });
    await commit(repo, { 'evil.env': `K=${keys.evil}\n` }, 'Merge branch side', 9);
    await commit(repo, {}, `rotate key ${keys.message}`, 10);

    const { code, report } = await historyJson(repo);
    expect(code).toBe(1);
    for (const [name, key] of Object.entries(keys)) expect(findingFor(report, key), name).toBeDefined();
    expect(findingFor(report, keys.branch)!.locations[0]).toMatchObject({ path: 'feature.py', commit: onBranch, inHead: false });
    expect(findingFor(report, keys.tag)!.locations[0]).toMatchObject({ path: 'hotfix.env', commit: tagged });
    const evil = findingFor(report, keys.evil)!.locations[0]!;
    expect(evil).toMatchObject({ path: 'evil.env', message: 'Merge branch side', inHead: true });
    // The subject is shown with the key redacted: reports never carry a key whole.
    expect(findingFor(report, keys.message)!.locations[0]).toMatchObject({ path: '(commit message)', message: `rotate key ${redacted(keys.message)}` });

    // Each blob exactly once: the count equals git's own count of unique reachable blobs (plus stash entries).
    const listed = git(repo, ['rev-list', '--objects', '--no-object-names', '--all', '--reflog']).trim().split('\n');
    const blobs = git(repo, ['cat-file', '--batch-check=%(objecttype)'], { input: `${listed.join('\n')}\n` }).split('\n').filter((t) => t === 'blob');
    expect(report.stats.git.blobs).toBe(blobs.length);
    const refs = git(repo, ['for-each-ref']).trim().split('\n').length;
    expect(report.stats.git.refs).toBe(refs);
  });

  it('reads a blob once even when hundreds of commits hold it, and reports each path once', async () => {
    const repo = await tempDir();
    await initRepo(repo);
    const key = fakeKey('admin', rng);
    await commit(repo, { 'settings.env': `ADMIN=${key}\n`, 'copy/settings.env': `ADMIN=${key}\n` }, 'add settings', 1);
    for (let i = 0; i < 150; i++) await commit(repo, { 'counter.txt': `${i}\n` }, `bump ${i}`, 2 + i);
    const { report } = await historyJson(repo);
    expect(report.stats.git.commits).toBe(151);
    expect(report.stats.git.blobs).toBe(151); // settings.env (one blob for both paths) + 150 counters
    expect(findingFor(report, key)!.locations.map((l) => l.path)).toEqual(['copy/settings.env', 'settings.env']);
    expect(findingFor(report, key)!.keyType).toBe('admin');
  });
});
