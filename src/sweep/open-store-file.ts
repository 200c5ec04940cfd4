import { closeSync, constants, lstatSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from '../core/errors.js';

/**
 * Opens the SQLite file of a sweep store. The store holds who leaked which key where, so a new one is
 * created private (0600, in a 0700 directory) and never through a symlink: a link planted where the store
 * goes would send that record, and SQLite's -wal and -shm files beside it, somewhere else. A file that is not
 * a SQLite database is refused with its name, not with a stack trace.
 */
export function openStoreFile(path: string, mode: 'create' | 'existing'): Database.Database {
  const existing = lstatOrNull(path);
  if (existing === null) {
    if (mode === 'existing') throw new StoreError(`${path} does not exist: give the --store of an earlier sweep`);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    try {
      closeSync(openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600));
    } catch (error) {
      throw new StoreError(`cannot create the store ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
    }
  } else if (existing.isSymbolicLink()) {
    throw new StoreError(`${path} is a symbolic link: a sweep store is opened only as a regular file`);
  } else if (!existing.isFile()) {
    throw new StoreError(`${path} is not a regular file: not a keysweep store`);
  }
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { fileMustExist: true });
    // The first read is where SQLite finds out that a file is not a database.
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    db?.close();
    throw new StoreError(`${path} is not a keysweep store (SQLite says: ${(error as Error).message})`, { cause: error });
  }
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new StoreError(`cannot open the store ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
}
