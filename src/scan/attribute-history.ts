import type { Finding, Location, Problem } from '../core/types.js';
import { GitError } from '../sources/git/git-error.js';
import { redactKeysIn } from '../detect/redact-keys-in.js';
import { commitInfo, findIntroductions, type Introduction } from '../sources/git/find-introductions.js';
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
  const commitIds = new Set<string>();
  for (const location of findings.flatMap((f) => f.locations)) {
    if (location.source !== 'git-object') continue;
    if (location.objectType === 'commit') commitIds.add(location.blobId);
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
  const commits = await attempt('the commits whose messages hold keys', () => commitInfo(repo, [...commitIds]));
  // A subject or a name can hold a key too (the one found, or another): reports never carry one whole.
  const marker = rules.marker.toString('latin1');
  const safe = (text: string) => redactKeysIn(text, marker, rules.redactionPrefixes);
  for (const finding of findings) {
    const inHead = head !== null && finding.locations.some((l) => l.objectType === 'blob' && head.blobs.has(l.blobId));
    finding.locations = finding.locations.flatMap((location): Location[] => {
      if (location.source !== 'git-object') return [location];
      const base = { ...location, source: 'git' as const, inHead };
      if (location.objectType === 'commit') {
        const info = commits.get(location.blobId);
        return [{ ...base, path: '(commit message)', commit: location.blobId, ...(info ? withoutCommit(info, safe) : {}) }];
      }
      if (location.objectType === 'tag') return [{ ...base, path: '(tag message)' }];
      const found = introductions.get(location.blobId) ?? [];
      if (found.length === 0) return [{ ...base, path: head?.blobs.get(location.blobId)?.[0] ?? null, unreachable: head?.blobs.has(location.blobId) !== true }];
      return found.map((intro) => ({ ...base, ...introductionFields(intro, safe) }));
    });
  }
  return problems;
}

function introductionFields(intro: Introduction, safe: (text: string) => string) {
  return { path: safe(intro.path), commit: intro.commit, ...withoutCommit(intro, safe) };
}

function withoutCommit(info: Omit<Introduction, 'path'>, safe: (text: string) => string) {
  return { author: safe(info.author), email: safe(info.email), date: info.date, message: safe(info.message) };
}
