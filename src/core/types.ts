import type { Secret } from './secret.js';

/**
 * The contract between rooms (see DESIGN.md). Only plain data lives here: sources, the detector,
 * the pipeline and the reporters all depend on these types and on nothing of each other.
 */

/** Where a blob was seen. */
export type Origin =
  /** `inName`: the bytes are the name of the file or directory at `path`, not its content. */
  | { kind: 'file'; path: string; inName?: true }
  /**
   * An object read from a repository's store, before attribution names the commits and paths that hold it.
   * `inName`: the bytes are the name of a tree entry, and `entry` the id of the object that entry names.
   */
  | { kind: 'git-object'; repo: string; objectType: 'blob' | 'commit' | 'tag'; inName?: true; entry?: string }
  | { kind: 'staged'; path: string; inName?: true }
  | { kind: 'stdin' };

/** Bytes from a source. `id` is git's blob id when the source already knows it (history); the pipeline computes it otherwise. */
export type SourceBlob = { bytes: Buffer; origin: Origin; id?: string };

/** OpenAI's two classes: normal (project) keys and organisation-wide admin keys. */
export type KeyType = 'project' | 'admin';
export type KeyFormat = 'legacy' | 'none' | 'project' | 'service-account' | 'admin';
/** `low`: the marker and prefix are there but the length is not one OpenAI is known to issue. */
export type Confidence = 'high' | 'low';

export type Match = {
  ruleId: string;
  secret: string;
  /** Byte offset of the secret in the blob. */
  offset: number;
  /** 1-based; null for binary content, where lines mean nothing. */
  line: number | null;
  /** 1-based, in UTF-16 code units (what editors and SARIF count); null for binary content. */
  column: number | null;
  /** Set when the key was found by decoding (its position is that of the encoded text). */
  encoding?: Encoding;
  /** Set when the key was written in pieces (string literals joined, a line continuation) and put back together; the position is the first piece's. */
  assembled?: true;
  /** Set when the key is made up (a sequence, a repeat, too few distinct characters): reported as ignored, never as a finding. */
  placeholder?: true;
};

/** How a key was encoded where it was found: base64 (standard or URL-safe), hex, or UTF-16 of either byte order. */
export type Encoding = 'base64' | 'hex' | 'utf16le' | 'utf16be';
export const ENCODINGS: readonly Encoding[] = ['base64', 'hex', 'utf16le', 'utf16be'];

export type SuppressionReason = 'placeholder' | 'allow-comment' | 'ignore-file-path' | 'ignore-file-secret' | 'baseline' | 'decision';

/** What a person decided about a key in triage. */
export type DecisionKind = 'false-positive' | 'used-in-tests' | 'accepted-risk' | 'revoked';
export const DECISION_KINDS: readonly DecisionKind[] = ['false-positive', 'used-in-tests', 'accepted-risk', 'revoked'];

/**
 * A triage decision about one key (by its SHA-256), optionally only for the locations under a path glob.
 * `until` (a date) ends an accepted risk. `by` is the person (git user name and email), `at` when.
 */
export type Decision = { sha256: string; kind: DecisionKind; reason: string; by: string; at: string; until: string | null; path: string | null };

/**
 * A decision as it stands for a finding now: `active` closes it; `expired` (an accepted risk past its date)
 * and `contradicted` (decided revoked, but the key verifies live) reopen it, and the report says why.
 */
export type AppliedDecision = Omit<Decision, 'sha256'> & { state: 'active' | 'expired' | 'contradicted' };

/** Where in the scanned bytes a key is: line and column (null in binary content), byte offset, blob id. */
type Position = {
  line: number | null;
  column: number | null;
  offset: number;
  blobId: string;
  /** Set when this location is suppressed; the finding stays reported while any location is not. */
  suppressed?: SuppressionReason;
  /** How the key was encoded here, when it was found by decoding; line, column and offset are the encoded text's. */
  encoding?: Encoding;
  /** The key was written here in pieces and put back together; line, column and offset are its first piece's. */
  assembled?: true;
  /** The key is in the name of the file or directory at `path` (shown redacted), not in its content; offset is within the name. */
  inName?: true;
};

export type GitObjectType = 'blob' | 'commit' | 'tag';

/** The commit that brought a key in: who, when, and its subject (redacted of keys). */
export type Introduction = { commit: string; author: string; email: string; date: string; message: string };

export type FileLocation = Position & { source: 'file'; path: string };
export type StdinLocation = Position & { source: 'stdin'; path: null };
export type StagedLocation = Position & { source: 'staged'; path: string };
/** An object read from a repository's store, before attribution says which commits and paths hold it. */
export type StoreLocation = Position & { source: 'git-object'; path: null; repo: string; objectType: GitObjectType };
/**
 * A blob in history: the commit that introduced it at `path`, or none found (`unreachable` when no commit
 * names it at all, as after a force-push). `inHead`: the key is still in the default branch's tip.
 */
export type GitBlobLocation = Position & { source: 'git'; objectType: 'blob'; repo: string; path: string | null; inHead: boolean; introduced: Introduction | null; unreachable: boolean };
/** A key in a commit's message; `introduced` is that commit. */
export type CommitMessageLocation = Position & { source: 'git'; objectType: 'commit'; repo: string; path: null; inHead: boolean; introduced: Introduction | null };
/** A key in an annotated tag's message. */
export type TagMessageLocation = Position & { source: 'git'; objectType: 'tag'; repo: string; path: null; inHead: boolean };
export type GitLocation = GitBlobLocation | CommitMessageLocation | TagMessageLocation;

/** Where a key was seen: one kind per place a key can be, each with exactly the fields it has. */
export type Location = FileLocation | StdinLocation | StagedLocation | StoreLocation | GitLocation;

export type Remediation = {
  revokeUrl: string;
  /** Admin API call an organisation owner can use, when one exists for this key type. */
  apiRevocation: string | null;
  steps: string[];
};

export type VerificationStatus = 'live' | 'revoked' | 'unknown';
export type Permission = 'all' | 'restricted' | 'read-only';

/** What OpenAI's API said about a key. Never guessed: a check that could not run is `unknown`. */
export type Verification = {
  status: VerificationStatus;
  /** With --verify=deep, for a live project key: OpenAI's three levels. Null when not probed or not knowable. */
  permission: Permission | null;
  /** One line: why this verdict (the status and error code OpenAI answered, or what failed). */
  detail: string;
  /** ISO 8601 time of the check (or of the cached check this verdict came from). */
  checkedAt: string;
  fromCache?: boolean;
  /** The project the key belongs to, when OpenAI named it (openai-project header). */
  projectId?: string;
  organization?: string;
  /** --verify=deep: scopes found allowed and denied (project keys), or admin read endpoints that answer (admin keys). */
  scopes?: { allowed: string[]; denied: string[] };
  reach?: string[];
  /** --verify=deep,owner: the key owner's identity, redacted (personal data). */
  owner?: { name?: string; email?: string; phone?: string; organizations?: string[] };
};

export type Finding = {
  id: string;
  secretSha256: string;
  ruleId: string;
  keyType: KeyType;
  format: KeyFormat;
  /** How reports name the format ("project key format"), from the rule file; not part of the JSON schema. */
  formatName: string;
  confidence: Confidence;
  redacted: string;
  /** The full key, wrapped so that it prints as [secret]: `reveal` it for verification or --show-secrets only. */
  secret: Secret;
  locations: Location[];
  verification?: Verification;
  remediation: Remediation;
  /** Set when the whole finding is suppressed (every location, or the secret itself). */
  suppressed?: SuppressionReason;
  /** The triage decision about this key, when there is one, with whether it still holds. */
  decision?: AppliedDecision;
};

/** Something that could not be read or scanned, and why. Per-item failures are data, not exceptions. */
export type Problem = { path: string; reason: string; code: string };

export type SkipReason = 'too-large' | 'symlink' | 'special-file' | 'gitignored';

/** What a history scan covered, so a user can see that it really happened. */
export type GitStats = {
  repo: string;
  refs: number;
  commits: number;
  blobs: number;
  bare: boolean;
  shallow: boolean;
  /** Objects no ref reaches were scanned too (--unreachable). */
  unreachableScanned: boolean;
  /** Submodule entries in HEAD's tree: reported, not descended into. */
  submodules: string[];
  missingObjects: number;
  /** Git LFS pointer files: scanned, but the content they stand for is stored outside git and is not. */
  lfsPointers: number;
  /** What was walked: "all refs", "branch main", "range a..b", "since <commit>", or "every object". */
  scope: string;
  /**
   * How the objects were read: `packs`, keysweep read the packs itself and git printed only the objects
   * holding an anchor (`rebuilt` of them, from `packs` packs); `git`, git printed every object of the scope,
   * and `fallback` says why the packs were not read when they could have been.
   */
  reader?: { kind: 'packs'; packs: number; rebuilt: number } | { kind: 'git'; fallback?: string };
};

export type ScanStats = {
  filesScanned: number;
  bytesScanned: number;
  skipped: Partial<Record<SkipReason, number>>;
  findings: number;
  ignoredFindings: number;
  /** Of the ignored findings, how many are placeholders (made-up keys); absent in reports made before it was counted. */
  placeholders?: number;
  problems: number;
  durationMs: number;
  git?: GitStats;
};

/** One repository's line in a sweep report. */
export type RepoSummary = {
  repository: string;
  status: 'scanned' | 'unchanged' | 'failed';
  reason: string | null;
  scope: string | null;
  commits: number;
  blobs: number;
  findings: number;
  problems: Problem[];
};

export type ScanResult = {
  findings: Finding[];
  ignored: Finding[];
  stats: ScanStats;
  problems: Problem[];
  /** Sweeps: one summary per repository. */
  repositories?: RepoSummary[];
};
