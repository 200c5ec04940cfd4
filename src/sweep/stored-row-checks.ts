import { ENCODINGS, type Location, type Verification } from '../core/types.js';

/**
 * A store is input like any file (it can be copied, shared, edited): what comes out of it is checked to be
 * what keysweep writes, field by field, before a report or the triage UI shows it. Anything else is dropped.
 */
const KEY_TYPES = new Set(['project', 'admin']);
const FORMATS = new Set(['legacy', 'none', 'project', 'service-account', 'admin']);
const CONFIDENCES = new Set(['high', 'low']);
const STATUSES = new Set(['live', 'revoked', 'unknown']);
const PERMISSIONS = new Set(['all', 'restricted', 'read-only']);
const SOURCES = new Set(['file', 'stdin', 'staged', 'git-object', 'git']);
const OBJECT_TYPES = new Set(['blob', 'commit', 'tag']);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const isText = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown, min: number) => typeof v === 'number' && Number.isInteger(v) && v >= min;

/** True when a findings row names a key type, format and confidence keysweep knows. */
export function knownFindingRow(row: Record<string, unknown>): boolean {
  return KEY_TYPES.has(row.key_type as string) && FORMATS.has(row.format as string) && CONFIDENCES.has(row.confidence as string) && isText(row.redacted) && isText(row.rule);
}

/** A stored verdict, or null when any of its fields is not one keysweep writes. */
export function storedVerdict(row: Record<string, unknown>): Verification | null {
  if (!STATUSES.has(row.v_status as string)) return null;
  if (row.v_permission !== null && !PERMISSIONS.has(row.v_permission as string)) return null;
  if (!isText(row.v_detail) || !isText(row.v_checked_at) || !ISO.test(row.v_checked_at)) return null;
  return { status: row.v_status as Verification['status'], permission: (row.v_permission as Verification['permission']) ?? null, detail: row.v_detail, checkedAt: row.v_checked_at };
}

/** A stored location, or null when its JSON is not a location keysweep writes. */
export function storedLocation(json: unknown): Location | null {
  let value: unknown;
  try {
    value = JSON.parse(String(json));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const l = value as Record<string, unknown>;
  if (!SOURCES.has(l.source as string) || !isCount(l.offset, 0)) return null;
  if (!(l.line === null || isCount(l.line, 1)) || !(l.column === null || isCount(l.column, 1))) return null;
  if (!isText(l.blobId) || !/^([0-9a-f]{40}|[0-9a-f]{64})?$/.test(l.blobId)) return null;
  if (!(l.path === null || isText(l.path))) return null;
  if (l.encoding !== undefined && !(ENCODINGS as readonly unknown[]).includes(l.encoding)) return null;
  if (l.assembled !== undefined && l.assembled !== true) return null;
  if (l.source === 'git') {
    if (!isText(l.repo) || !OBJECT_TYPES.has(l.objectType as string) || typeof l.inHead !== 'boolean') return null;
    const intro = l.introduced as Record<string, unknown> | null | undefined;
    if (intro !== undefined && intro !== null && !(isText(intro.commit) && /^[0-9a-f]{40,64}$/.test(intro.commit) && isText(intro.author) && isText(intro.email) && isText(intro.date) && isText(intro.message))) return null;
  }
  return value as Location;
}
