import { DECISION_KINDS, type Decision, type Finding, type Location, type Problem, type Verification } from '../core/types.js';
import { openStoreFile } from './open-store-file.js';
import { knownFindingRow, storedLocation, storedVerdict } from './stored-row-checks.js';
import { migrate } from './store-migrations.js';

/** How one repository's turn in a sweep ended. */
export type RepoOutcome =
  | { status: 'scanned'; scope: string; tips: string[]; commits: number; blobs: number; bytes: number; findings: Finding[]; problems: Problem[]; scannedBlobIds: string[]; detector: string; ignoreText: string | null }
  | { status: 'unchanged'; tips: string[] }
  | { status: 'failed'; reason: string };

export type StoredRun = { identity: string; status: RepoOutcome['status']; reason: string | null; scope: string | null; commits: number; blobs: number; bytes: number; findings: number; problems: Problem[] };

/** A finding as the store keeps it: everything but the key, which is never stored. */
export type StoredFinding = Omit<Finding, 'secret' | 'formatName' | 'remediation' | 'locations' | 'verification'> & {
  locations: Array<Location & { repoIdentity: string }>;
  firstSeenSweep: number;
  lastSeenSweep: number;
  verification?: Verification;
};

export type SweepStore = {
  /** The unfinished sweep with these inputs, to resume, or a new one; with the repositories it has already done. */
  beginSweep(inputs: string, now: string): { id: number; resumed: boolean; done: Set<string> };
  lastTips(identity: string): string[] | null;
  /**
   * True when this detector already read the blob, in any repository, and no key was ever found in it:
   * such a blob need not be read again (a fork, a vendored copy). A blob that ever matched is read again.
   */
  knownClean(blobId: string, detector: string): boolean;
  /** Records one repository's outcome in one transaction: a sweep killed at any moment loses or duplicates nothing. */
  recordRepo(sweepId: number, identity: string, outcome: RepoOutcome, now: string): void;
  finishSweep(sweepId: number, status: 'complete' | 'failed', now: string): void;
  runs(sweepId: number): StoredRun[];
  /** Every key seen in the repositories of this sweep (scanned now or unchanged since), with all their locations. */
  findings(sweepId: number): StoredFinding[];
  latestSweep(): number | null;
  sweepExists(sweepId: number): boolean;
  sweepFinished(sweepId: number): boolean;
  /** The latest verdict for each key (by SHA-256); the owner's personal data is never stored. */
  putVerdicts(verdicts: Array<{ sha256: string; verification: Verification }>): void;
  /** Appends triage decisions in one transaction; nothing is ever overwritten or deleted. */
  recordDecisions(decisions: Decision[]): void;
  /** Each repository's own .keysweepignore as last scanned (repositories without one are absent). */
  repoIgnoreFiles(): Map<string, string>;
  /** Takes back the decision for these keys (undo of a first decision), by appending a "cleared" entry. */
  clearDecisions(sha256s: string[], at: string): void;
  /** The decision in force for each key and path scope: the latest entry, unless it is a "cleared" one. */
  decisions(): Decision[];
  close(): void;
};

/**
 * Opens (migrating) the SQLite store at `path`, creating it for a sweep; reports, merges and triage open
 * only a store that exists. WAL, so readers never block the sweep.
 */
export function openSweepStore(path: string, mode: 'create' | 'existing' = 'create'): SweepStore {
  const db = openStoreFile(path, mode);
  try {
    migrate(db, path, mode);
    // After the check that this is a keysweep store: switching to WAL rewrites the file's header.
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL loses no committed transaction when the process dies (kill -9): it skips the fsync
    // at each commit, which only a power loss could need. One commit per repository stays cheap.
    db.pragma('synchronous = NORMAL');
  } catch (error) {
    db.close();
    throw error;
  }
  const repoId = (identity: string): number => {
    db.prepare('INSERT INTO repositories (identity) VALUES (?) ON CONFLICT (identity) DO NOTHING').run(identity);
    return (db.prepare('SELECT id FROM repositories WHERE identity = ?').get(identity) as { id: number }).id;
  };
  const record = db.transaction((sweepId: number, identity: string, outcome: RepoOutcome, now: string) => {
    const id = repoId(identity);
    if (outcome.status === 'failed') {
      db.prepare('INSERT OR REPLACE INTO repo_runs (sweep_id, repo_id, status, reason, finished_at) VALUES (?, ?, ?, ?, ?)').run(sweepId, id, 'failed', outcome.reason, now);
      return;
    }
    // An incomplete scan records no tips: the next sweep reads the whole history again, never "unchanged".
    const complete = outcome.status === 'unchanged' || outcome.problems.length === 0;
    db.prepare('UPDATE repositories SET last_tips = ?, last_success_sweep = ? WHERE id = ?').run(complete ? JSON.stringify(outcome.tips) : null, sweepId, id);
    if (outcome.status === 'scanned') db.prepare('UPDATE repositories SET ignore_file = ? WHERE id = ?').run(outcome.ignoreText, id);
    if (outcome.status === 'unchanged') {
      const known = (db.prepare('SELECT COUNT(DISTINCT sha256) AS n FROM locations WHERE repo_id = ?').get(id) as { n: number }).n;
      db.prepare('INSERT OR REPLACE INTO repo_runs (sweep_id, repo_id, status, reason, scope, findings, finished_at) VALUES (?, ?, ?, NULL, ?, ?, ?)').run(sweepId, id, 'unchanged', 'no new commits since the last sweep', known, now);
      db.prepare('UPDATE findings SET last_seen_sweep = ? WHERE sha256 IN (SELECT sha256 FROM locations WHERE repo_id = ?)').run(sweepId, id);
      return;
    }
    const upsertFinding = db.prepare(
      `INSERT INTO findings (sha256, rule, key_type, format, confidence, redacted, first_seen_sweep, last_seen_sweep) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (sha256) DO UPDATE SET last_seen_sweep = excluded.last_seen_sweep`,
    );
    const addLocation = db.prepare('INSERT OR IGNORE INTO locations (sha256, repo_id, json, suppressed, first_seen_sweep, blob_id) VALUES (?, ?, ?, ?, ?, ?)');
    // Recorded in the same transaction as the findings: a blob is never "known" without its keys.
    const scanned = db.prepare('INSERT INTO scanned_blobs (blob_id, detector) VALUES (?, ?) ON CONFLICT (blob_id) DO UPDATE SET detector = excluded.detector');
    for (const blobId of outcome.scannedBlobIds) scanned.run(blobId, outcome.detector);
    for (const finding of outcome.findings) {
      upsertFinding.run(finding.secretSha256, finding.ruleId, finding.keyType, finding.format, finding.confidence, finding.redacted, sweepId, sweepId);
      for (const location of finding.locations) addLocation.run(finding.secretSha256, id, JSON.stringify(location), location.suppressed ?? finding.suppressed ?? null, sweepId, location.blobId);
    }
    db.prepare('UPDATE findings SET last_seen_sweep = ? WHERE sha256 IN (SELECT sha256 FROM locations WHERE repo_id = ?)').run(sweepId, id);
    const total = (db.prepare('SELECT COUNT(DISTINCT sha256) AS n FROM locations WHERE repo_id = ?').get(id) as { n: number }).n;
    db.prepare('INSERT OR REPLACE INTO repo_runs (sweep_id, repo_id, status, reason, scope, commits, blobs, bytes, findings, problems, finished_at) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)').run(
      sweepId, id, 'scanned', outcome.scope, outcome.commits, outcome.blobs, outcome.bytes, total, JSON.stringify(outcome.problems), now,
    );
  });
  return {
    beginSweep(inputs, now) {
      const open = db.prepare("SELECT id FROM sweeps WHERE status = 'running' AND inputs = ? ORDER BY id DESC LIMIT 1").get(inputs) as { id: number } | undefined;
      if (open) {
        const done = db.prepare('SELECT r.identity FROM repo_runs rr JOIN repositories r ON r.id = rr.repo_id WHERE rr.sweep_id = ?').all(open.id) as Array<{ identity: string }>;
        return { id: open.id, resumed: true, done: new Set(done.map((d) => d.identity)) };
      }
      const id = Number(db.prepare("INSERT INTO sweeps (started_at, status, inputs) VALUES (?, 'running', ?)").run(now, inputs).lastInsertRowid);
      return { id, resumed: false, done: new Set() };
    },
    lastTips(identity) {
      const row = db.prepare('SELECT last_tips FROM repositories WHERE identity = ?').get(identity) as { last_tips: string | null } | undefined;
      return row?.last_tips ? (JSON.parse(row.last_tips) as string[]) : null;
    },
    knownClean: (() => {
      const query = db.prepare('SELECT 1 FROM scanned_blobs s WHERE s.blob_id = ? AND s.detector = ? AND NOT EXISTS (SELECT 1 FROM locations l WHERE l.blob_id = s.blob_id)').pluck();
      return (blobId: string, detector: string) => query.get(blobId, detector) !== undefined;
    })(),
    recordRepo: (sweepId, identity, outcome, now) => record(sweepId, identity, outcome, now),
    finishSweep(sweepId, status, now) {
      db.prepare('UPDATE sweeps SET status = ?, finished_at = ? WHERE id = ?').run(status, now, sweepId);
    },
    runs(sweepId) {
      const rows = db.prepare('SELECT r.identity, rr.* FROM repo_runs rr JOIN repositories r ON r.id = rr.repo_id WHERE rr.sweep_id = ? ORDER BY r.identity').all(sweepId) as Array<Record<string, unknown>>;
      return rows.map((r) => ({
        identity: r.identity as string,
        status: r.status as RepoOutcome['status'],
        reason: (r.reason as string | null) ?? null,
        scope: (r.scope as string | null) ?? null,
        commits: r.commits as number,
        blobs: r.blobs as number,
        bytes: r.bytes as number,
        findings: r.findings as number,
        problems: JSON.parse(r.problems as string) as Problem[],
      }));
    },
    findings(sweepId) {
      const rows = db
        .prepare(
          `SELECT f.*, l.json, l.suppressed AS location_suppressed, r.identity, v.status AS v_status, v.permission AS v_permission, v.detail AS v_detail, v.checked_at AS v_checked_at
           FROM findings f JOIN locations l ON l.sha256 = f.sha256 JOIN repositories r ON r.id = l.repo_id LEFT JOIN verdicts v ON v.sha256 = f.sha256
           WHERE l.repo_id IN (SELECT repo_id FROM repo_runs WHERE sweep_id = ?)
           ORDER BY f.sha256, r.identity, l.rowid`,
        )
        .all(sweepId) as Array<Record<string, unknown>>;
      const bySha = new Map<string, StoredFinding>();
      for (const row of rows) {
        const sha = row.sha256 as string;
        const location = storedLocation(row.json);
        if (!location || typeof sha !== 'string' || !/^[0-9a-f]{64}$/.test(sha) || !knownFindingRow(row)) continue;
        let finding = bySha.get(sha);
        if (!finding) {
          finding = {
            id: `ks-${sha.slice(0, 16)}`,
            secretSha256: sha,
            ruleId: row.rule as string,
            keyType: row.key_type as Finding['keyType'],
            format: row.format as Finding['format'],
            confidence: row.confidence as Finding['confidence'],
            redacted: row.redacted as string,
            locations: [],
            firstSeenSweep: row.first_seen_sweep as number,
            lastSeenSweep: row.last_seen_sweep as number,
            ...(storedVerdict(row) ? { verification: storedVerdict(row)! } : {}),
          };
          bySha.set(sha, finding);
        }
        // Only what the scanned content itself says is kept (a keysweep:allow comment, a made-up key); the rest is judged at report time.
        const suppressed = row.location_suppressed === 'allow-comment' || row.location_suppressed === 'placeholder' ? row.location_suppressed : null;
        finding.locations.push({ ...location, ...(suppressed ? { suppressed } : {}), repoIdentity: String(row.identity) });
      }
      return [...bySha.values()];
    },
    putVerdicts(verdicts) {
      const put = db.prepare('INSERT OR REPLACE INTO verdicts (sha256, status, permission, detail, checked_at) VALUES (?, ?, ?, ?, ?)');
      db.transaction(() => {
        for (const { sha256, verification: v } of verdicts) put.run(sha256, v.status, v.permission, v.detail, v.checkedAt);
      })();
    },
    recordDecisions(decisions) {
      const add = db.prepare('INSERT INTO decision_log (sha256, kind, reason, by, at, until, path) VALUES (?, ?, ?, ?, ?, ?, ?)');
      db.transaction(() => {
        for (const d of decisions) add.run(d.sha256, d.kind, d.reason, d.by, d.at, d.until, d.path);
      })();
    },
    repoIgnoreFiles() {
      const rows = db.prepare('SELECT identity, ignore_file FROM repositories WHERE ignore_file IS NOT NULL').all() as Array<{ identity: string; ignore_file: unknown }>;
      return new Map(rows.filter((r) => typeof r.ignore_file === 'string').map((r) => [r.identity, r.ignore_file as string]));
    },
    clearDecisions(sha256s, at) {
      const add = db.prepare("INSERT INTO decision_log (sha256, kind, reason, by, at, until, path) VALUES (?, 'cleared', '', '', ?, NULL, NULL)");
      db.transaction(() => {
        for (const sha of sha256s) add.run(sha, at);
      })();
    },
    decisions() {
      const rows = db.prepare('SELECT sha256, kind, reason, by, at, until, path FROM decision_log ORDER BY id').all() as Array<Omit<Decision, 'kind'> & { kind: string }>;
      const current = new Map<string, (typeof rows)[number]>();
      for (const row of rows) current.set(`${row.sha256}\u0000${row.path ?? ''}`, row);
      // A store is input like any file: only well-formed decisions of a known kind on a well-formed hash are used.
      const text = (v: unknown) => typeof v === 'string';
      return [...current.values()].filter(
        (d): d is Decision =>
          text(d.sha256) && /^[0-9a-f]{64}$/.test(d.sha256) && DECISION_KINDS.includes(d.kind as Decision['kind']) && text(d.reason) && text(d.by) &&
          text(d.at) && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(d.at) && (d.until === null || (text(d.until) && /^\d{4}-\d{2}-\d{2}$/.test(d.until))) && (d.path === null || text(d.path)),
      );
    },
    sweepFinished: (sweepId) => db.prepare("SELECT 1 FROM sweeps WHERE id = ? AND status = 'complete'").get(sweepId) !== undefined,
    sweepExists: (sweepId) => db.prepare('SELECT 1 FROM sweeps WHERE id = ?').get(sweepId) !== undefined,
    latestSweep() {
      const row = db.prepare('SELECT MAX(id) AS id FROM sweeps').get() as { id: number | null };
      return row.id;
    },
    close: () => db.close(),
  };
}
