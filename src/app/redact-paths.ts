import type { Finding, Location, Problem, ScanResult } from '../core/types.js';
import { redactKeysIn } from '../detect/redact-keys-in.js';
import type { RuleSet } from '../rules/rule-types.js';

/** Reports print paths and problems: a key hiding in a file name is redacted there too. */
export function redactPaths(result: ScanResult, rules: RuleSet): ScanResult {
  const marker = rules.marker.toString('latin1');
  const text = (t: string) => redactKeysIn(t, marker, rules.redactionPrefixes);
  const path = (p: string | null) => (p === null ? null : text(p));
  // Commit fields are redacted at attribution; a report read back (verify) carries them as given.
  const location = (l: Location): Location => {
    switch (l.source) {
      case 'file':
      case 'staged':
        return { ...l, path: text(l.path) };
      case 'stdin':
        return l;
      case 'git-object':
        return { ...l, repo: text(l.repo) };
      case 'git': {
        const safeRepo = { ...l, repo: text(l.repo) };
        if (safeRepo.objectType === 'tag') return safeRepo;
        const introduced = safeRepo.introduced && { ...safeRepo.introduced, author: text(safeRepo.introduced.author), email: text(safeRepo.introduced.email), date: text(safeRepo.introduced.date), message: text(safeRepo.introduced.message) };
        return safeRepo.objectType === 'blob' ? { ...safeRepo, path: path(safeRepo.path), introduced } : { ...safeRepo, introduced };
      }
    }
  };
  const finding = (f: Finding): Finding => ({ ...f, locations: f.locations.map(location) });
  const problem = (p: Problem): Problem => ({ ...p, path: text(p.path), reason: text(p.reason) });
  const git = result.stats.git;
  return {
    ...result,
    // Submodule paths, the repository as named and the scope (user revisions) are printed in every format.
    stats: git ? { ...result.stats, git: { ...git, repo: text(git.repo), scope: text(git.scope), submodules: git.submodules.map(text) } } : result.stats,
    findings: result.findings.map(finding),
    ignored: result.ignored.map(finding),
    problems: result.problems.map(problem),
    ...(result.repositories
      ? { repositories: result.repositories.map((r) => ({ ...r, repository: text(r.repository), reason: r.reason && text(r.reason), scope: r.scope && text(r.scope), problems: r.problems.map(problem) })) }
      : {}),
  };
}
