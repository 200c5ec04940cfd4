import type { RepoSummary } from '../core/types.js';
import { plural } from './format-units.js';
import { printable } from './printable.js';

/** A sweep's per-repository summary: status, what was walked, findings, and why a repository failed or is incomplete. */
export function repositoryTable(repositories: RepoSummary[]): string[] {
  const rows = repositories.map((r) => {
    const status = r.status === 'failed' ? 'FAILED' : r.problems.length > 0 ? 'incomplete' : r.status;
    const what = r.status === 'scanned' ? `${plural(r.commits, 'commit')}, ${plural(r.blobs, 'blob')} (${printable(r.scope ?? '')})` : r.status === 'unchanged' ? 'no new commits' : printable(r.reason ?? '');
    const problems = r.problems.length > 0 ? `; ${plural(r.problems.length, 'problem')}, first: ${printable(r.problems[0]!.path)}: ${printable(r.problems[0]!.reason)}` : '';
    return [printable(r.repository), status, String(r.findings), `${what}${problems}`];
  });
  const width = (i: number) => Math.max(...[['repository', 'status', 'keys', ''], ...rows].map((row) => row[i]!.length));
  const line = (row: string[]) => `${row[0]!.padEnd(width(0))}  ${row[1]!.padEnd(width(1))}  ${row[2]!.padStart(width(2))}  ${row[3]}`.trimEnd();
  return [`Repositories (${repositories.length}):`, line(['repository', 'status', 'keys', '']), ...rows.map(line)];
}
