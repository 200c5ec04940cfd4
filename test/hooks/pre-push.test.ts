import { describe, expect, it } from 'vitest';
import { commit, git } from '../../fixtures/git-fixture.js';
import { fakeKey } from '../../fixtures/keys.js';
import { seededRng } from '../../fixtures/random.js';
import { redacted } from '../helpers/redacted.js';
import { gitRun, installHooks, pushSetup, remoteHas } from '../helpers/push-repos.js';

const rng = seededRng(41);

describe('pre-push hook, through real git push', () => {
  it('blocks a key in the newest commit: exit 1, redacted key, path:line, commit, amend advice, revocation page', async () => {
    const { local, remote } = await pushSetup();
    expect(installHooks(local).status).toBe(0);
    const key = fakeKey('admin', rng);
    const bad = await commit(local, { 'deploy/admin.env': `# ops\nOPENAI_ADMIN_KEY=${key}\n` }, 'add deploy config', 2);
    const push = gitRun(local, ['push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.stderr).toContain('push blocked: 1 OpenAI key');
    expect(push.stderr).toContain(`ADMIN KEY ${redacted(key)}  admin key (admin key format)`);
    expect(push.stderr).toContain(`deploy/admin.env:2 in commit ${bad.slice(0, 12)} "add deploy config"`);
    expect(push.stderr).toContain('git commit --amend');
    expect(push.stderr).toContain('https://platform.openai.com/settings/organization/admin-keys');
    expect(push.stderr).not.toContain(key);
    expect(remoteHas(remote, 'main')).not.toBe(bad);
  });

  it('blocks a key in an older unpushed commit even when a later commit removed it, with rebase advice', async () => {
    const { local } = await pushSetup();
    installHooks(local);
    const key = fakeKey('project-v2', rng);
    const older = await commit(local, { 'app.py': `KEY = "${key}"\n` }, 'wip', 2);
    await commit(local, { 'app.py': 'KEY = os.environ["OPENAI_API_KEY"]\n' }, 'read key from env', 3);
    const push = gitRun(local, ['push', 'origin', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.stderr).toContain(`app.py:1 in commit ${older.slice(0, 12)} "wip"`);
    expect(push.stderr).toContain(`git rebase -i ${older.slice(0, 12)}~1`);
  });

  it('never re-reports what the remote already has; passes clean pushes', async () => {
    const { local, remote } = await pushSetup();
    const key = fakeKey('legacy', rng);
    await commit(local, { 'old.env': `K=${key}\n` }, 'old leak', 2);
    git(local, ['push', '-q', 'origin', 'main']); // before the hook existed
    installHooks(local);
    const clean = await commit(local, { 'notes.md': 'clean\n' }, 'docs', 3);
    const push = gitRun(local, ['push', 'origin', 'main']);
    expect(push.code).toBe(0);
    expect(push.stderr).toContain('keysweep: no OpenAI keys in 1 new commit(s)');
    expect(remoteHas(remote, 'main')).toBe(clean);
    // A new branch off main is bounded by the remote-tracking refs: main's old leak is not re-reported.
    git(local, ['checkout', '-q', '-b', 'feature']);
    await commit(local, { 'f.txt': 'x\n' }, 'feature', 4);
    expect(gitRun(local, ['push', 'origin', 'feature']).code).toBe(0);
  });

  it('checks several refs in one push and a new branch; deletions pass', async () => {
    const { local, remote } = await pushSetup();
    installHooks(local);
    await commit(local, { 'ok.txt': 'fine\n' }, 'fine on main', 2);
    git(local, ['checkout', '-q', '-b', 'feature']);
    const key = fakeKey('svcacct-v2', rng);
    const leak = await commit(local, { 'svc.json': JSON.stringify({ key }) }, 'feature leak', 3);
    const push = gitRun(local, ['push', 'origin', 'main', 'feature']);
    expect(push.code).not.toBe(0);
    expect(push.stderr).toContain(`svc.json:1 in commit ${leak.slice(0, 12)}`);
    expect(remoteHas(remote, 'refs/heads/feature')).toBe('');
    git(local, ['push', '-q', '--no-verify', 'origin', 'feature']);
    const deletion = gitRun(local, ['push', 'origin', ':feature']);
    expect(deletion.code).toBe(0);
    expect(remoteHas(remote, 'refs/heads/feature')).toBe('');
  });

  it('checks a pushed tag, including its message', async () => {
    const { local, remote } = await pushSetup();
    installHooks(local);
    git(local, ['checkout', '-q', '--detach']);
    const key = fakeKey('none', rng);
    await commit(local, { 'release.env': `K=${key}\n` }, 'release build', 2);
    git(local, ['tag', '-a', 'v1.0', '-m', 'release'], { date: 2 });
    const push = gitRun(local, ['push', 'origin', 'v1.0']);
    expect(push.code).not.toBe(0);
    expect(push.stderr).toContain('release.env:1');
    expect(remoteHas(remote, 'refs/tags/v1.0')).toBe('');
    const messageKey = fakeKey('project-v1', rng);
    git(local, ['tag', '-a', 'v1.1', 'main', '-m', `release notes ${messageKey}`], { date: 3 });
    const tagMessage = gitRun(local, ['push', 'origin', 'v1.1']);
    expect(tagMessage.code).not.toBe(0);
    expect(tagMessage.stderr).toContain('(tag message)');
  });

  it('handles a force-push: a rewrite that removes the key passes, one that adds a key is blocked', async () => {
    const { local, remote } = await pushSetup();
    const key = fakeKey('project-58', rng);
    await commit(local, { 'a.env': `K=${key}\n` }, 'leak', 2);
    git(local, ['push', '-q', 'origin', 'main']);
    installHooks(local);
    git(local, ['reset', '-q', '--hard', 'HEAD~1']);
    const rewritten = await commit(local, { 'a.env': 'K=from-vault\n' }, 'no leak', 3);
    expect(gitRun(local, ['push', '--force', 'origin', 'main']).code).toBe(0);
    expect(remoteHas(remote, 'main')).toBe(rewritten);
    git(local, ['reset', '-q', '--hard', 'HEAD~1']);
    const fresh = fakeKey('project-58', rng);
    await commit(local, { 'b.env': `K=${fresh}\n` }, 'new leak', 4);
    const forced = gitRun(local, ['push', '--force', 'origin', 'main']);
    expect(forced.code).not.toBe(0);
    expect(forced.stderr).toContain('b.env:1');
    expect(forced.stderr).not.toContain('a.env');
  });
});
