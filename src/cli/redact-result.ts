import type { Finding, ScanResult } from '../core/types.js';
import { redactKeysIn } from '../detect/redact-keys-in.js';
import type { RuleSet } from '../rules/rule-types.js';

/** Reports print paths and problems: a key hiding in a file name is redacted there too. */
export function redactPaths(result: ScanResult, rules: RuleSet): ScanResult {
  const marker = rules.marker.toString('latin1');
  const path = (p: string | null) => (p === null ? null : redactKeysIn(p, marker, rules.redactionPrefixes));
  const text = (t: string | undefined) => (t === undefined ? {} : { value: redactKeysIn(t, marker, rules.redactionPrefixes) });
  const finding = (f: Finding): Finding => ({
    ...f,
    locations: f.locations.map((l) => {
      const out = { ...l, path: path(l.path) };
      // Commit fields are redacted at attribution; a report read back (verify) carries them as given.
      for (const key of ['repo', 'author', 'email', 'date', 'message'] as const) {
        const v = text(l[key]);
        if ('value' in v) out[key] = v.value;
      }
      return out;
    }),
  });
  const git = result.stats.git;
  return {
    ...result,
    // Submodule paths, the repository as named and the scope (user revisions) are printed in every format.
    stats: git ? { ...result.stats, git: { ...git, repo: redactKeysIn(git.repo, marker, rules.redactionPrefixes), scope: redactKeysIn(git.scope, marker, rules.redactionPrefixes), submodules: git.submodules.map((s) => redactKeysIn(s, marker, rules.redactionPrefixes)) } } : result.stats,
    findings: result.findings.map(finding),
    ignored: result.ignored.map(finding),
    problems: result.problems.map((p) => ({ ...p, path: redactKeysIn(p.path, marker, rules.redactionPrefixes), reason: redactKeysIn(p.reason, marker, rules.redactionPrefixes) })),
  };
}
