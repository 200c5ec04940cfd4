import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import { ScanError } from '../core/errors.js';
import type { ObjectReader } from '../scan/run-history-scan.js';
import type { Finding, Problem } from '../core/types.js';
import { DETECTOR_REVISION } from '../detect/detector-revision.js';
import type { RuleSet } from '../rules/rule-types.js';
import { headCommit, listRefs } from '../sources/git/list-refs.js';
import { openRepo } from '../sources/git/open-repo.js';
import { runGit } from '../sources/git/run-git.js';
import { type CloneCredential, credentialFor } from '../sweep/clone-credentials.js';
import { type MirrorPhase, mirrorRepository } from '../sweep/mirror.js';
import type { RepoEntry } from '../sweep/repo-list.js';
import { type Shard, inShard } from '../sweep/shard.js';
import { type RepoOutcome, type StoredRun, type SweepStore, openSweepStore } from '../sweep/sweep-store.js';
import { decidedRevokedKeys } from './recheck-revoked.js';
import type { RunContext } from './run-context.js';
import { scanHistory } from './scan-history.js';
import { type VerifyRequest, verifyKeys } from './verify-keys.js';

export type SweepRequest = {
  entries: RepoEntry[];
  /** Tokens that may clone from a GitHub host (from --github-org's authentication); none for other URLs. */
  credentials?: CloneCredential[];
  storePath: string;
  cacheDir: string;
  concurrency: number;
  /** Rescan everything, ignoring what earlier sweeps recorded. */
  full: boolean;
  maxFileSize: number;
  /** How history objects are read (run-history-scan.ts); packs when not given. */
  reader?: ObjectReader;
  repoTimeoutMs: number;
  shard: Shard | null;
  rules: RuleSet;
  /** What identifies "the same sweep" for resuming: the inputs as the user gave them. */
  inputsKey: string;
  /** Check each distinct key of the sweep once with OpenAI, after every repository is done. */
  verify: VerifyRequest | null;
  userAgent: string;
};

/** What the sweep reports while it runs: the caller draws progress (a line per repository, or a live display). */
export type SweepEvent =
  | { kind: 'start'; total: number; resumed: boolean; skipped: number }
  | { kind: 'phase'; identity: string; phase: 'cloning' | 'fetching' | 'scanning'; detail?: string }
  | { kind: 'repo'; identity: string; outcome: RepoOutcome['status']; findings: number; reason: string | null; done: number; total: number }
  | { kind: 'verify'; keys: number };

export type SweepResult = { sweepId: number; resumed: boolean; runs: StoredRun[]; store: SweepStore };

/**
 * Sweeps many repositories into the store, each one a unit: a repository that is missing, needs auth,
 * is corrupt or times out is recorded with its reason and the sweep goes on. Each outcome is written in one
 * transaction, so a sweep killed at any moment and started again with the same inputs resumes where it
 * stopped. A re-sweep scans only what is new since the last successful sweep of each repository.
 */
export async function sweepRepos(request: SweepRequest, context: RunContext, onEvent: (event: SweepEvent) => void = () => {}): Promise<SweepResult> {
  const store = openSweepStore(request.storePath);
  const now = () => new Date().toISOString();
  const mine = request.shard ? request.entries.filter((e) => inShard(e.identity, request.shard!)) : request.entries;
  const sweep = store.beginSweep(request.inputsKey, now());
  const todo = mine.filter((e) => !sweep.done.has(e.identity));
  onEvent({ kind: 'start', total: mine.length, resumed: sweep.resumed, skipped: mine.length - todo.length });
  let done = mine.length - todo.length;
  const limit = pLimit(Math.max(1, request.concurrency));
  // Keys stay in memory only until verified: one finding per distinct key across the whole sweep.
  const keys = new Map<string, Finding>();
  await Promise.all(
    todo.map((entry) =>
      limit(async () => {
        const outcome = await sweepOne(entry, request, store, context, onEvent);
        store.recordRepo(sweep.id, entry.identity, outcome, now());
        if (request.verify && outcome.status === 'scanned') for (const f of outcome.findings) if (!keys.has(f.secretSha256)) keys.set(f.secretSha256, f);
        const findings = outcome.status === 'scanned' ? outcome.findings.length : 0;
        onEvent({ kind: 'repo', identity: entry.identity, outcome: outcome.status, findings, reason: outcome.status === 'failed' ? outcome.reason : null, done: ++done, total: mine.length });
      }),
    ),
  );
  if (request.verify) {
    // Keys decided revoked in repositories not read this time (unchanged since) are read back to be checked again.
    const decided = await decidedRevokedKeys(store.decisions(), store.findings(sweep.id), mine, request.cacheDir, request.rules, context);
    for (const f of decided) if (!keys.has(f.secretSha256)) keys.set(f.secretSha256, f);
  }
  if (request.verify && keys.size > 0) {
    onEvent({ kind: 'verify', keys: keys.size });
    const verified = await verifyKeys([...keys.values()], request.verify, { ...context, userAgent: request.userAgent, rules: request.rules });
    store.putVerdicts(verified.flatMap((f) => (f.verification ? [{ sha256: f.secretSha256, verification: f.verification }] : [])));
  }
  store.finishSweep(sweep.id, 'complete', now());
  return { sweepId: sweep.id, resumed: sweep.resumed, runs: store.runs(sweep.id), store };
}

async function sweepOne(entry: RepoEntry, request: SweepRequest, store: SweepStore, context: RunContext, onEvent: (event: SweepEvent) => void): Promise<RepoOutcome> {
  try {
    let path: string;
    if (entry.kind === 'url') {
      const onPhase = ({ phase, stage, percent }: MirrorPhase) =>
        onEvent({ kind: 'phase', identity: entry.identity, phase, ...(stage !== null ? { detail: percent !== null ? `${stage} ${percent}%` : stage } : {}) });
      const credential = credentialFor(entry.url, request.credentials ?? []);
      const token = credential ? { origin: credential.origin, value: await credential.token() } : undefined;
      path = (await mirrorRepository({ url: entry.url, identity: entry.identity, cacheDir: request.cacheDir, timeoutMs: request.repoTimeoutMs, env: context.env, onPhase, ...(token ? { token } : {}) })).path;
    } else {
      path = entry.path;
    }
    onEvent({ kind: 'phase', identity: entry.identity, phase: 'scanning' });
    const previous = request.full ? null : store.lastTips(entry.identity);
    // An unchanged repository costs one git process: its tips, read without opening it further.
    const quick = previous ? await quickTips(path, context) : null;
    if (previous && quick && sameTips(previous, quick)) return { status: 'unchanged', tips: quick };
    const repo = await openRepo(path, { cwd: context.cwd, env: context.env, trustOwner: false });
    // HEAD counts as a tip: a commit on a detached HEAD is history no ref names.
    const head = await headCommit(repo);
    const tips = [...new Set([...(await listRefs(repo)).map((r) => r.objectId), ...(head ? [head] : [])])].sort();
    if (previous && sameTips(previous, tips)) return { status: 'unchanged', tips };
    const scope = previous ? { kind: 'after' as const, known: previous } : { kind: 'all' as const };
    // Blobs this detector already read clean in any repository (forks, vendored copies) are not read again;
    // --full reads everything.
    const detector = detectorVersion(request.rules);
    const memory = { skipBlob: (id: string) => !request.full && store.knownClean(id, detector), collectBlobIds: true as const };
    const scan = await scanHistory({ repo: path, shownAs: entry.identity, scope, maxFileSize: request.maxFileSize, ...(request.reader ? { read: { reader: request.reader } } : {}), trustOwner: false, suppression: { baseline: null, ignoreFile: null }, rules: request.rules, memory, ownIgnoreFile: 'collect' }, context);
    const { result } = scan;
    // The repository's own .keysweepignore is its claim, not the security team's decision: stored as it is and
    // judged when a report is made (keysweep:allow comments, part of the content, are marked now).
    const findings: Finding[] = [...result.findings, ...result.ignored];
    const problems: Problem[] = result.problems;
    // Only a mirror's objects were checked by git against their ids (fetch verifies every object it
    // receives); a local object store could hold clean bytes under the id of another repository's key.
    const scannedBlobIds = entry.kind === 'url' ? (result.scannedBlobIds ?? []) : [];
    return { status: 'scanned', scope: result.stats.git.scope, tips, commits: result.stats.git.commits, blobs: result.stats.git.blobs, bytes: result.stats.bytesScanned, findings, problems, scannedBlobIds, detector, ignoreText: scan.ownIgnoreText };
  } catch (error) {
    if (error instanceof ScanError && /empty repository/.test(error.message)) return { status: 'scanned', scope: 'no commits', tips: [], commits: 0, blobs: 0, bytes: 0, findings: [], problems: [], scannedBlobIds: [], detector: detectorVersion(request.rules), ignoreText: null };
    const message = (error as Error).message;
    // simple-git's words for its --repo-timeout: say what happened in the user's terms.
    if (/block timeout reached/i.test(message)) return { status: 'failed', reason: `the remote sent nothing for ${Math.round(request.repoTimeoutMs / 1000)} s (--repo-timeout)` };
    return { status: 'failed', reason: message };
  }
}

/**
 * What a recorded "scanned clean" is worth: the rule file's content. Rules that detect more have another
 * version, so they read again what they have not read themselves; so does a detector whose code finds more
 * (DETECTOR_REVISION).
 */
export function detectorVersion(rules: RuleSet): string {
  return createHash('sha256').update(`${DETECTOR_REVISION}${rules.decode ? '' : ' no-decode'}\n${JSON.stringify(rules.spec)}`).digest('hex').slice(0, 16);
}

function sameTips(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

/** A repository's ref tips from one hardened git process, or null when that does not work (openRepo then says why). */
async function quickTips(path: string, context: RunContext): Promise<string[] | null> {
  // show-ref --head lists HEAD with the refs, as the full path does.
  const { stdout, code } = await runGit({ cwd: path, env: context.env }, ['show-ref', '--head'], { allowCodes: [1, 128] }).catch(() => ({ stdout: Buffer.alloc(0), code: -1 }));
  if (code !== 0) return null;
  return [...new Set(stdout.toString('latin1').split('\n').map((l) => l.split(' ')[0] ?? '').filter((id) => /^[0-9a-f]{40,64}$/.test(id)))].sort();
}
