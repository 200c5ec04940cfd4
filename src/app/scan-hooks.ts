import { resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { ScanResult } from '../core/types.js';
import type { RuleSet } from '../rules/rule-types.js';
import { planPush } from '../scan/plan-push.js';
import { runPushScan } from '../scan/run-push-scan.js';
import { runStagedScan } from '../scan/run-staged-scan.js';
import { workTreeOf } from '../sources/git/hooks-dir.js';
import { openRepo } from '../sources/git/open-repo.js';
import { gatherPushFacts } from '../sources/git/push-facts.js';
import type { SuppressionFiles } from './load-suppressions.js';
import { HOOK_BLOB_LIMIT, hookSuppressions } from './hook-suppressions.js';
import { pushRequest } from './push-request.js';
import type { RunContext } from './run-context.js';

export type HookScanRequest = { maxFileSize: number; suppression: SuppressionFiles; rules: RuleSet };

/** A push that adds nothing (a deletion, nothing new), or what it adds, scanned. */
export type PushScan =
  | { kind: 'nothing' }
  | { kind: 'scanned'; result: ScanResult; repo: string; pushedTips: string[]; note: string | null };

/** What a push would publish, from the repository in the hook's working directory. */
export async function scanPush(request: HookScanRequest & { remote: string; url: string; input: string }, context: RunContext): Promise<PushScan> {
  const repo = await openRepo('.', { cwd: context.cwd, env: context.env, trustOwner: false });
  const suppressions = await hookSuppressions(request.suppression, await workTreeOf(repo), context.cwd);
  const push = await pushRequest(repo, request, request.input, context.env);
  if (!push) return { kind: 'nothing' };
  const plan = planPush(await gatherPushFacts(repo, push));
  if (!plan) return { kind: 'nothing' };
  const result = await runPushScan(repo, plan, push.updates.length, request.rules, suppressions, Math.max(request.maxFileSize, HOOK_BLOB_LIMIT));
  return { kind: 'scanned', result, repo: repo.shown, pushedTips: push.updates.map((u) => u.localSha), note: push.note };
}

/**
 * What a commit would record: the blobs of the index git is committing. git names that index in
 * GIT_INDEX_FILE (a temporary one for `commit -a` and `commit PATH`), relative to the hook's directory.
 */
export async function scanStaged(request: HookScanRequest, context: RunContext): Promise<{ result: ScanResult; repo: string }> {
  const repo = await openRepo('.', { cwd: context.cwd, env: context.env, trustOwner: false });
  const workTree = await workTreeOf(repo);
  if (!workTree) throw new UsageError('pre-commit needs a work tree; this repository is bare');
  const suppressions = await hookSuppressions(request.suppression, workTree, context.cwd);
  const indexFile = context.env.GIT_INDEX_FILE ? resolve(context.cwd, context.env.GIT_INDEX_FILE) : null;
  const result = await runStagedScan(repo, indexFile, request.rules, suppressions, Math.max(request.maxFileSize, HOOK_BLOB_LIMIT));
  return { result, repo: repo.shown };
}
