import type { Decision, Finding, Location } from '../core/types.js';
import type { RuleSet } from '../rules/rule-types.js';
import { mirrorPath } from '../sweep/mirror.js';
import type { RepoEntry } from '../sweep/repo-list.js';
import type { StoredFinding } from '../sweep/sweep-store.js';
import { rebuildFinding } from './rebuild-finding.js';
import { recoverSecret } from './recover-secret.js';
import type { RunContext } from './run-context.js';

/**
 * Keys the security team decided revoked, read back from the repositories of this sweep so that `--verify`
 * can check them again: the store never holds a key, and a repository that did not change since is not
 * scanned, so its keys are read again from where the store says they are (blob id and offset), and used
 * only when their SHA-256 is the recorded one. A key that answers live is reopened by the report.
 */
export async function decidedRevokedKeys(
  decisions: Decision[],
  stored: StoredFinding[],
  entries: RepoEntry[],
  cacheDir: string,
  rules: RuleSet,
  context: RunContext,
): Promise<Finding[]> {
  const latest = new Map<string, Decision>();
  for (const d of decisions) if (d.path === null) latest.set(d.sha256, d);
  const wanted = stored.filter((f) => latest.get(f.secretSha256)?.kind === 'revoked');
  if (wanted.length === 0) return [];
  const localPath = new Map(entries.map((e) => [e.identity, e.kind === 'path' ? e.path : mirrorPath(cacheDir, e.identity)]));
  const found: Finding[] = [];
  for (const finding of wanted) {
    const locations: Location[] = finding.locations.flatMap(({ repoIdentity, ...location }) => {
      const path = localPath.get(repoIdentity);
      return path && location.source === 'git' ? [{ ...location, repo: path } as Location] : [];
    });
    const secret = await recoverSecret(finding.secretSha256, locations, rules, context);
    const rebuilt = secret ? rebuildFinding(secret, finding.secretSha256, locations, rules) : null;
    if (rebuilt) found.push(rebuilt);
  }
  return found;
}
