import { createHash } from 'node:crypto';

/** SHA-256 of the secret, hex. Ignores, baselines, triage decisions and the verification cache all key on it. */
export function secretSha256(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A finding's id: derived from the secret alone, so it survives rebases, squashes and moved lines. */
export function findingId(sha256: string): string {
  return `ks-${sha256.slice(0, 16)}`;
}

/** Git's blob id: sha1("blob <len>\0" + bytes), so a file and the same content in history are one blob. */
export function gitBlobId(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
