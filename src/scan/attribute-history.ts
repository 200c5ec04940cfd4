import type { Finding, GitLocation, Introduction, Location, Problem, StoreLocation } from '../core/types.js';
import { reveal } from '../core/secret.js';
import { GitError } from '../sources/git/git-error.js';
import { redactKeysIn } from '../detect/redact-keys-in.js';
import { type CommitInfo, commitInfo, findIntroductions } from '../sources/git/find-introductions.js';
import type { RuleSet } from '../rules/rule-types.js';
import type { HeadTree } from '../sources/git/head-tree.js';
import type { GitRepo } from '../sources/git/open-repo.js';

export type Revisions = { args: string[]; stdin: string[] };

/**
 * Turns object-store locations into what an owner needs: for a blob, the commit that introduced it at
 * each path (author, date, subject) or "unreachable" when no commit names it; for a commit message, that
 * commit. Every location then says whether the key is still in the tip of the default branch (`inHead`).
 */
export async function attributeHistory(findings: Finding[], repo: GitRepo, revisions: Revisions, head: HeadTree | null, rules: RuleSet): Promise<Problem[]> {
  const blobIds = new Set<string>();
  const namedIds = new Set<string>();
  const commitIds = new Set<string>();
  for (const location of findings.flatMap((f) => f.locations)) {
    if (location.source !== 'git-object') continue;
    if (location.inName) namedIds.add(location.blobId);
    else if (location.objectType === 'commit') commitIds.add(location.blobId);
    else if (location.objectType === 'blob') blobIds.add(location.blobId);
  }
  const problems: Problem[] = [];
  // A damaged history can stop git log; the findings stay, without the commits that introduced them.
  const attempt = async <T>(what: string, run: () => Promise<Map<string, T>>): Promise<Map<string, T>> => {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
      problems.push({ path: `history of ${repo.shown}`, code: 'ATTRIBUTION_FAILED', reason: `could not find ${what}: ${error.message}` });
      return new Map();
    }
  };
  const introductions = await attempt('the commits that introduced the keys', () => findIntroductions(repo, [...blobIds], revisions));
  // An entry named after a key names a blob or (a directory) a tree: trees are followed too.
  const named = await attempt('the commits that added entries named after keys', () => findIntroductions(repo, [...namedIds], revisions, { trees: true }));
  const commits = await attempt('the commits whose messages hold keys', () => commitInfo(repo, [...commitIds]));
  // A subject or a name can hold a key too (the one found, or another): reports never carry one whole.
  const marker = rules.marker.toString('latin1');
  const safe = (text: string) => redactKeysIn(text, marker, rules.redactionPrefixes);
  const attributed = (location: StoreLocation, inHead: boolean, secret: string): GitLocation[] => {
    const { source: _source, path: _path, ...position } = location;
    if (location.inName) {
      // The object may sit at other paths under other names: only the paths whose last part holds the key count.
      const found = (named.get(location.blobId) ?? []).filter((intro) => (intro.path.split('/').pop() ?? '').includes(secret));
      const entry = { ...position, source: 'git' as const, objectType: 'blob' as const, inHead, unreachable: false };
      if (found.length === 0) return [{ ...entry, path: null, introduced: null }];
      return found.map((intro) => ({ ...entry, path: safe(intro.path), introduced: safeIntroduction(intro, safe) }));
    }
    if (location.objectType === 'commit') {
      const info = commits.get(location.blobId);
      return [{ ...position, source: 'git', objectType: 'commit', path: null, inHead, introduced: info ? safeIntroduction(info, safe) : null }];
    }
    if (location.objectType === 'tag') return [{ ...position, source: 'git', objectType: 'tag', path: null, inHead }];
    const found = introductions.get(location.blobId) ?? [];
    const blob = { ...position, source: 'git' as const, objectType: 'blob' as const, inHead };
    if (found.length === 0) return [{ ...blob, path: headPath(head, location.blobId, safe), introduced: null, unreachable: head?.blobs.has(location.blobId) !== true }];
    return found.map((intro) => ({ ...blob, path: safe(intro.path), introduced: safeIntroduction(intro, safe), unreachable: false }));
  };
  for (const finding of findings) {
    const secret = reveal(finding.secret);
    const inHead = head !== null && finding.locations.some((l) => l.source === 'git-object' && l.objectType === 'blob' && (l.inName ? headPathHolds(head, secret) : head.blobs.has(l.blobId)));
    finding.locations = finding.locations.flatMap((location): Location[] => (location.source === 'git-object' ? attributed(location, inHead, secret) : [location]));
  }
  return problems;
}

/** Subjects, names and emails can hold a key too (the one found, or another): reports never carry one whole. */
function safeIntroduction(info: CommitInfo, safe: (text: string) => string): Introduction {
  return { commit: info.commit, author: safe(info.author), email: safe(info.email), date: info.date, message: safe(info.message) };
}

/** Whether a path in the tip's tree holds the key (a file named after it, or a file under such a directory). */
function headPathHolds(head: HeadTree, secret: string): boolean {
  for (const paths of head.blobs.values()) if (paths.some((path) => path.includes(secret))) return true;
  // A submodule (gitlink) named after the key has no blob under it.
  return head.submodules.some((path) => path.includes(secret));
}

function headPath(head: HeadTree | null, blobId: string, safe: (text: string) => string): string | null {
  const path = head?.blobs.get(blobId)?.[0];
  return path === undefined ? null : safe(path);
}
