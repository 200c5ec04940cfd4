import type { Match } from '../core/types.js';
import { findMarkerForms } from '../detect/marker-forms.js';
import { detect } from '../detect/detect.js';
import { markerFinderFor } from '../detect/find-marker.js';
import { gitBlobId } from '../detect/identity.js';
import { isBinary } from '../detect/is-binary.js';
import type { RuleSet } from '../rules/rule-types.js';
import { hasAllowComment } from '../suppress/allow-comment.js';

function mayHoldKey(bytes: Buffer, rules: RuleSet): boolean {
  return findMarkerForms(bytes, rules.marker, isBinary(bytes), rules.decode, 1).size > 0;
}

/** What the detector found in one blob; `allowed[i]` says whether match i carries a keysweep:allow comment. */
export type BlobDetection = { id: string; matches: Match[]; allowed: boolean[] };

/**
 * Detection for one blob, or null when it has no candidate at all. Blobs without the marker cost one
 * `indexOf` and are not even hashed; a blob that matched is keyed by git's blob id, and identical
 * content is detected once per detector.
 */
export function createBlobDetector(rules: RuleSet): (bytes: Buffer, knownId?: string) => BlobDetection | null {
  const seen = new Map<string, BlobDetection>();
  const findMarker = markerFinderFor(rules);
  return (bytes, knownId) => {
    // Binary content is searched only for the marker in UTF-16 (detect() decodes nothing else there); a
    // half of the marker may be a key written in pieces.
    if (findMarker(bytes, 0) === -1 && !mayHoldKey(bytes, rules)) return null;
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
