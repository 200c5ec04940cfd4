import type { Match } from '../core/types.js';
import { findMarkerForms } from '../detect/marker-forms.js';
import { detect } from '../detect/detect.js';
import { scanMarker } from '../detect/marker-scan.js';
import { gitBlobId } from '../detect/identity.js';
import { isBinary } from '../detect/is-binary.js';
import type { RuleSet } from '../rules/rule-types.js';
import { hasAllowComment } from '../suppress/allow-comment.js';

/**
 * Whether detection can find anything here: the marker whole, or (in text) cut between pieces of a key, in
 * one pass over its last byte; or, with decoding, one of its encoded forms (in binary content, UTF-16 only).
 */
function mayHoldKey(bytes: Buffer, rules: RuleSet): boolean {
  const binary = isBinary(bytes);
  const scan = scanMarker(bytes, rules.marker);
  if (scan.whole || (scan.cut && !binary)) return true;
  return rules.decode && findMarkerForms(bytes, rules.marker, binary, true, 1).size > 0;
}

/** What the detector found in one blob; `allowed[i]` says whether match i carries a keysweep:allow comment. */
export type BlobDetection = { id: string; matches: Match[]; allowed: boolean[] };

/**
 * Detection for one blob, or null when it has no candidate at all. Blobs without the marker cost a pass
 * over its last byte (and, with decoding, the encoded forms' searches) and are not even hashed; a blob that matched is keyed by git's blob id, and identical
 * content is detected once per detector.
 */
export function createBlobDetector(rules: RuleSet): (bytes: Buffer, knownId?: string) => BlobDetection | null {
  const seen = new Map<string, BlobDetection>();
  return (bytes, knownId) => {
    if (!mayHoldKey(bytes, rules)) return null;
    const id = knownId ?? gitBlobId(bytes);
    let found = seen.get(id);
    if (!found) {
      const matches = detect(bytes, rules);
      found = { id, matches, allowed: matches.map((m) => hasAllowComment(bytes, m.offset, m.secret.length)) };
      seen.set(id, found);
    }
    return found.matches.length > 0 ? found : null;
  };
}
