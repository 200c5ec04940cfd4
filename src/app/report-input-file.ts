import { ReportInputError } from '../core/errors.js';
import { ENCODINGS, type Encoding, type GitObjectType, type Location, type Problem, type ScanStats } from '../core/types.js';

/**
 * A finding as read back from a `--format json` report. A report is untrusted input (it may be crafted):
 * only what keysweep can check is kept. The key type, format, redacted form, id and remediation are never
 * taken from it; they are regenerated from the key once it is read back and re-detected.
 * `redactedHint` is the report's redacted form reduced to key characters, shown only when the key cannot be read.
 */
export type ReportedFinding = { secretSha256: string; secret: string | null; locations: Location[]; redactedHint: string };

export type ReadReport = { findings: ReportedFinding[]; stats: ScanStats; problems: Problem[] };

const SHA256 = /^[0-9a-f]{64}$/;
const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const SOURCES = new Set(['file', 'git', 'staged', 'stdin', 'git-object']);
const OBJECT_TYPES = new Set(['blob', 'commit', 'tag']);

/** Parses a keysweep JSON report (schema version 1), keeping only well-typed fields. */
export function parseReport(text: string, name: string): ReadReport {
  let report: { schemaVersion?: unknown; findings?: unknown; stats?: unknown; problems?: unknown };
  try {
    report = JSON.parse(text) as typeof report;
  } catch (error) {
    throw new ReportInputError(`${name} is not JSON (use a report written with --format json)`, { cause: error });
  }
  if (report?.schemaVersion !== 1 || !Array.isArray(report.findings)) throw new ReportInputError(`${name} is not a keysweep JSON report with schemaVersion 1`);
  const findings = report.findings.map((raw, i): ReportedFinding => {
    const f = (raw ?? {}) as Record<string, unknown>;
    if (typeof f.secretSha256 !== 'string' || !SHA256.test(f.secretSha256) || !Array.isArray(f.locations)) {
      throw new ReportInputError(`${name}: finding ${i} is not a keysweep finding (secretSha256, locations)`);
    }
    return {
      secretSha256: f.secretSha256,
      secret: typeof f.secret === 'string' && f.secret.length <= 1024 ? f.secret : null,
      locations: f.locations.map(location).filter((l): l is Location => l !== null),
      redactedHint: typeof f.redacted === 'string' ? f.redacted.replace(/[^A-Za-z0-9_…-]/g, '').slice(0, 40) : '',
    };
  });
  const problems = Array.isArray(report.problems) ? report.problems.map(problem).filter((p): p is Problem => p !== null) : [];
  return { findings, stats: stats(report.stats), problems };
}

function location(raw: unknown): Location | null {
  const l = (raw ?? {}) as Record<string, unknown>;
  if (typeof l.source !== 'string' || !SOURCES.has(l.source)) return null;
  if (typeof l.offset !== 'number' || !Number.isSafeInteger(l.offset) || l.offset < 0) return null;
  const text = (v: unknown) => (typeof v === 'string' && v.length <= 4096 ? v : undefined);
  const count = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : null);
  const position = { line: count(l.line), column: count(l.column), offset: l.offset, blobId: typeof l.blobId === 'string' && OBJECT_ID.test(l.blobId) ? l.blobId : '', ...(isEncoding(l.encoding) ? { encoding: l.encoding } : {}), ...(l.assembled === true ? { assembled: true as const } : {}), ...(l.inName === true ? { inName: true as const } : {}) };
  const path = text(l.path) ?? null;
  switch (l.source) {
    case 'file':
      return path === null ? null : { ...position, source: 'file', path };
    case 'staged':
      return path === null ? null : { ...position, source: 'staged', path };
    case 'stdin':
      return { ...position, source: 'stdin', path: null };
    default:
      return gitLocation(l, position, path);
  }
}

/**
 * A git location as keysweep writes it, or null: what a real report always carries (repository, object
 * type, blob id, inHead, the documented message paths) is required, never invented.
 */
function gitLocation(l: Record<string, unknown>, position: { line: number | null; column: number | null; offset: number; blobId: string; encoding?: Encoding; assembled?: true; inName?: true }, path: string | null): Location | null {
  const repo = typeof l.repo === 'string' && l.repo.length <= 4096 ? l.repo : null;
  const objectType = typeof l.objectType === 'string' && OBJECT_TYPES.has(l.objectType) ? (l.objectType as GitObjectType) : null;
  if (repo === null || objectType === null || position.blobId === '') return null;
  if (l.source === 'git-object') return { ...position, source: 'git-object', path: null, repo, objectType };
  if (typeof l.inHead !== 'boolean') return null;
  const inHead = l.inHead;
  const text = (v: unknown) => (typeof v === 'string' && v.length <= 4096 ? v : '');
  const commit = typeof l.commit === 'string' && OBJECT_ID.test(l.commit) ? l.commit : null;
  const introduced = commit ? { commit, author: text(l.author), email: text(l.email), date: typeof l.date === 'string' && ISO_DATE.test(l.date) ? l.date : '', message: text(l.message) } : null;
  if (objectType === 'tag') return path === '(tag message)' ? { ...position, source: 'git', objectType, repo, path: null, inHead } : null;
  // A commit message's commit is the object itself.
  if (objectType === 'commit') return path === '(commit message)' && (commit === null || commit === position.blobId) ? { ...position, source: 'git', objectType, repo, path: null, inHead, introduced } : null;
  return { ...position, source: 'git', objectType, repo, path, inHead, introduced, unreachable: l.unreachable === true };
}

function problem(raw: unknown): Problem | null {
  const p = (raw ?? {}) as Record<string, unknown>;
  if (typeof p.path !== 'string' || typeof p.reason !== 'string') return null;
  return { path: p.path.slice(0, 4096), reason: p.reason.slice(0, 4096), code: typeof p.code === 'string' ? p.code.replace(/[^A-Z0-9_]/g, '').slice(0, 40) : 'UNKNOWN' };
}

/** Only the counters of the report's stats; its strings (repository, scope) would be shown as given. */
function stats(raw: unknown): ScanStats {
  const s = (raw ?? {}) as Record<string, unknown>;
  const n = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : 0);
  return { filesScanned: n(s.filesScanned), bytesScanned: n(s.bytesScanned), skipped: {}, findings: n(s.findings), ignoredFindings: n(s.ignoredFindings), ...(typeof s.placeholders === 'number' ? { placeholders: n(s.placeholders) } : {}), problems: n(s.problems), durationMs: n(s.durationMs) };
}

/** An encoding a report may name; anything else is dropped. */
function isEncoding(value: unknown): value is Encoding {
  return typeof value === 'string' && (ENCODINGS as readonly string[]).includes(value);
}
