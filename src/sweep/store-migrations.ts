import type Database from 'better-sqlite3';
import { StoreError } from '../core/errors.js';

/**
 * The store's schema, one migration per version, applied in order inside one transaction each. A store
 * written by an older keysweep is brought up to date when opened; one written by a newer keysweep is
 * refused rather than misread. No column ever holds a key: findings are keyed by the key's SHA-256.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE sweeps (id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT, status TEXT NOT NULL, inputs TEXT NOT NULL);
      CREATE TABLE repositories (id INTEGER PRIMARY KEY, identity TEXT NOT NULL UNIQUE, last_tips TEXT, last_success_sweep INTEGER);
      CREATE TABLE repo_runs (
        sweep_id INTEGER NOT NULL, repo_id INTEGER NOT NULL, status TEXT NOT NULL, reason TEXT,
        scope TEXT, commits INTEGER NOT NULL DEFAULT 0, blobs INTEGER NOT NULL DEFAULT 0, bytes INTEGER NOT NULL DEFAULT 0, findings INTEGER NOT NULL DEFAULT 0,
        problems TEXT NOT NULL DEFAULT '[]', finished_at TEXT NOT NULL, PRIMARY KEY (sweep_id, repo_id));
      CREATE TABLE findings (
        sha256 TEXT PRIMARY KEY, rule TEXT NOT NULL, key_type TEXT NOT NULL, format TEXT NOT NULL, confidence TEXT NOT NULL, redacted TEXT NOT NULL,
        first_seen_sweep INTEGER NOT NULL, last_seen_sweep INTEGER NOT NULL);
      CREATE TABLE locations (
        sha256 TEXT NOT NULL, repo_id INTEGER NOT NULL, json TEXT NOT NULL, suppressed TEXT, first_seen_sweep INTEGER NOT NULL,
        UNIQUE (sha256, repo_id, json));
    `,
  },
  {
    version: 2,
    sql: `
      CREATE TABLE verdicts (sha256 TEXT PRIMARY KEY, status TEXT NOT NULL, permission TEXT, detail TEXT NOT NULL, checked_at TEXT NOT NULL);
      CREATE TABLE decisions (sha256 TEXT PRIMARY KEY, decision TEXT NOT NULL, note TEXT, decided_at TEXT NOT NULL, expires_at TEXT);
      CREATE INDEX locations_by_repo ON locations (repo_id);
    `,
  },
  {
    // Blob-level memory: a blob read once (in any repository, by a given detector) is not read again;
    // locations name their blob so that a blob that ever matched is always read again (and attributed).
    version: 3,
    sql: `
      CREATE TABLE scanned_blobs (blob_id TEXT PRIMARY KEY, detector TEXT NOT NULL);
      ALTER TABLE locations ADD COLUMN blob_id TEXT;
      CREATE INDEX locations_by_blob ON locations (blob_id);
    `,
  },
  {
    // Triage decisions, append-only: the history of who decided what about a key is kept, the latest stands.
    // (Version 2's decisions table was never written: it is replaced.)
    version: 4,
    sql: `
      DROP TABLE decisions;
      CREATE TABLE decision_log (
        id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL, kind TEXT NOT NULL, reason TEXT NOT NULL, by TEXT NOT NULL, at TEXT NOT NULL,
        until TEXT, path TEXT);
      CREATE INDEX decision_log_by_key ON decision_log (sha256);
    `,
  },
  {
    // A swept repository's own .keysweepignore (at HEAD when it was last scanned): its claims are judged when a
    // report is made (an accepted risk's date, a file since deleted), never frozen into the locations.
    version: 5,
    sql: 'ALTER TABLE repositories ADD COLUMN ignore_file TEXT;',
  },
];

export const STORE_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** The tables every keysweep store of the current schema has. */
const TABLES = ['meta', 'sweeps', 'repositories', 'repo_runs', 'findings', 'locations', 'verdicts', 'scanned_blobs', 'decision_log'];

/**
 * Brings an open database to the current schema; refuses one newer than this keysweep, and any SQLite
 * database that is not a keysweep store (another application's, even one with a "meta" table): it is never
 * written into. `mode` 'existing' (report, merge, triage) also refuses an empty database.
 */
export function migrate(db: Database.Database, path: string, mode: 'create' | 'existing' = 'create'): void {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  const version = tables.includes('meta') ? (db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get() as unknown) : undefined;
  if (tables.length === 0 && mode === 'existing') throw new StoreError(`${path} is an empty database, not a keysweep store`);
  if (tables.length > 0 && (typeof version !== 'string' || !/^\d+$/.test(version))) throw new StoreError(`${path} is a SQLite database but not a keysweep store: not touching it`);
  const current = typeof version === 'string' ? Number(version) : 0;
  if (current > STORE_VERSION) throw new StoreError(`${path} is a keysweep store of schema ${current}; this keysweep reads up to ${STORE_VERSION}: upgrade keysweep`);
  try {
    db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      db.transaction(() => {
        db.exec(migration.sql);
        db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(migration.version));
      })();
    }
  } catch (error) {
    throw new StoreError(`${path} could not be brought to schema ${STORE_VERSION}: ${(error as Error).message}`, { cause: error });
  }
  const now = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  const missing = TABLES.filter((t) => !now.has(t));
  if (missing.length > 0) throw new StoreError(`${path} claims schema ${STORE_VERSION} but lacks ${missing.join(', ')}: not a store this keysweep can use`);
}
