import type { Finding, Location, Match, Origin, Problem, ScanStats, SkipReason, SourceBlob } from '../core/types.js';
import type { RuleSet } from '../rules/rule-types.js';
import { type BlobDetection, createBlobDetector } from './detect-blob.js';
import { newFinding } from './new-finding.js';

/** The state of one scan: every blob goes through `addBlob` or `addDetected`; findings come out grouped by secret. */
export type Collector = {
  addBlob(blob: SourceBlob): void;
  addDetected(origin: Origin, byteLength: number, detection: BlobDetection | null): void;
  addSkip(path: string, reason: SkipReason): void;
  addProblem(problem: Problem): void;
  findings(): Finding[];
  /** Distinct keys found so far (before suppression): for progress reports. */
  secretCount(): number;
  problems(): Problem[];
  stats(): Omit<ScanStats, 'findings' | 'ignoredFindings' | 'durationMs'>;
};

/** Groups matches into one finding per secret, with every location where it was seen. */
export function createCollector(rules: RuleSet): Collector {
  const detectBlob = createBlobDetector(rules);
  const bySecret = new Map<string, Finding>();
  const problems: Problem[] = [];
  const skipped: Partial<Record<SkipReason, number>> = {};
  let filesScanned = 0;
  let bytesScanned = 0;

  const addDetected: Collector['addDetected'] = (origin, byteLength, detection) => {
    // A name scanned for keys is not a file read.
    if (!(origin.kind !== 'stdin' && origin.inName)) {
      filesScanned++;
      bytesScanned += byteLength;
    }
    if (!detection) return;
    detection.matches.forEach((match, i) => {
      const location = locationOf(origin, match, detection.id);
      // A made-up key is a placeholder wherever it is, whatever comment sits next to it.
      if (match.placeholder) location.suppressed = 'placeholder';
      else if (detection.allowed[i]) location.suppressed = 'allow-comment';
      findingFor(bySecret, match, rules).locations.push(location);
    });
  };

  return {
    addBlob: (blob) => addDetected(blob.origin, blob.bytes.length, detectBlob(blob.bytes, blob.id)),
    addDetected,
    addSkip(_path, reason) {
      skipped[reason] = (skipped[reason] ?? 0) + 1;
    },
    addProblem(problem) {
      problems.push(problem);
    },
    findings: () => [...bySecret.values()],
    secretCount: () => bySecret.size,
    problems: () => [...problems],
    stats: () => ({ filesScanned, bytesScanned, skipped: { ...skipped }, problems: problems.length }),
  };
}

function findingFor(bySecret: Map<string, Finding>, match: Match, rules: RuleSet): Finding {
  let finding = bySecret.get(match.secret);
  if (finding) return finding;
  const rule = rules.rules.find((r) => r.id === match.ruleId)!;
  finding = newFinding(match.secret, rule, rules);
  bySecret.set(match.secret, finding);
  return finding;
}

function locationOf(origin: Origin, match: Match, blobId: string): Location {
  const base = { line: match.line, column: match.column, offset: match.offset, blobId, ...(match.encoding ? { encoding: match.encoding } : {}), ...(match.assembled ? { assembled: true as const } : {}) };
  switch (origin.kind) {
    case 'file':
      // In a name, lines and columns mean nothing: the offset says where in the name the key starts.
      return origin.inName ? { source: 'file', path: origin.path, ...base, line: null, column: null, inName: true } : { source: 'file', path: origin.path, ...base };
    case 'staged':
      return origin.inName ? { source: 'staged', path: origin.path, ...base, line: null, column: null, inName: true } : { source: 'staged', path: origin.path, ...base };
    case 'stdin':
      return { source: 'stdin', path: null, ...base };
    case 'git-object':
      // A key in a tree entry's name is located at the object that entry names (blobId), within its name.
      if (origin.inName && origin.entry) return { source: 'git-object', path: null, repo: origin.repo, objectType: 'blob', ...base, blobId: origin.entry, line: null, column: null, inName: true };
      return { source: 'git-object', path: null, repo: origin.repo, objectType: origin.objectType, ...base };
  }
}
