import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isCalendarDate } from '../core/calendar-date.js';
import { UsageError } from '../core/errors.js';
import type { Decision, DecisionKind } from '../core/types.js';
import { GitError } from '../sources/git/git-error.js';
import { runGit } from '../sources/git/run-git.js';
import { openSweepStore } from '../sweep/sweep-store.js';
import { cleanDecision } from './decision-text.js';
import { IGNORE_FILE_NAME } from './load-suppressions.js';
import type { RunContext } from './run-context.js';
import { writeDecisionsToIgnoreFile } from './write-ignore-file.js';

/** Where decisions go: a sweep store (appended to its log), or the .keysweepignore at the root of a repository or scanned directory. */
export type DecisionTarget = { kind: 'store'; path: string } | { kind: 'directory'; path: string };

export type DecisionRequest = { shas: string[]; kind: DecisionKind; reason: string; until: string | null; path: string | null; target: DecisionTarget; now: string };

/** Saves one decision for each key, at once and atomically; returns what was written and where. */
export async function recordDecisions(request: DecisionRequest, context: RunContext): Promise<{ decisions: Decision[]; where: string }> {
  const shas = [...new Set(request.shas.map((s) => s.toLowerCase()))];
  for (const sha of shas) if (!/^[0-9a-f]{64}$/.test(sha)) throw new UsageError(`"${sha.slice(0, 80)}" is not a key's SHA-256 (64 hex digits, as reports show)`);
  if (shas.length === 0) throw new UsageError('name at least one key by its SHA-256');
  checkOptions(request);
  const root = request.target.kind === 'directory' ? await ignoreFileRoot(resolve(context.cwd, request.target.path), context) : null;
  const by = await whoDecides(root ?? context.cwd, context);
  const decisions = shas.map((sha256) => cleanDecision({ sha256, kind: request.kind, reason: request.reason, by, at: request.now, until: request.until, path: request.path }));
  if (decisions.some((d) => d.reason === '')) throw new UsageError('a decision needs a reason (--reason TEXT)');
  if (request.target.kind === 'store') {
    const store = openSweepStore(resolve(context.cwd, request.target.path), 'existing');
    try {
      store.recordDecisions(decisions);
    } finally {
      store.close();
    }
    return { decisions, where: request.target.path };
  }
  const file = join(root!, IGNORE_FILE_NAME);
  await writeDecisionsToIgnoreFile(file, decisions);
  return { decisions, where: file };
}

function checkOptions(request: DecisionRequest): void {
  if (request.until !== null) {
    if (request.kind !== 'accepted-risk') throw new UsageError('--until applies to accepted-risk only');
    if (!isCalendarDate(request.until)) throw new UsageError(`--until takes a date (YYYY-MM-DD), not "${request.until}"`);
    if (request.until < request.now.slice(0, 10)) throw new UsageError(`--until ${request.until} has already passed`);
  }
  if (request.path !== null && (request.path === '' || /[\s#]/.test(request.path))) throw new UsageError('--path takes a glob without spaces or "#"');
}

/** The root of the repository holding `dir` (its work tree), or `dir` itself when it is not in one. */
export async function ignoreFileRoot(dir: string, context: RunContext): Promise<string> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${dir} is not a directory`);
  // Asked apart: in a bare repository --show-toplevel fails, and with it the whole call.
  const bare = await runGit({ cwd: dir, env: context.env }, ['rev-parse', '--is-bare-repository'], { allowCodes: [128] });
  if (bare.code !== 0) return dir;
  const result = await runGit({ cwd: dir, env: context.env }, ['rev-parse', '--show-toplevel'], { allowCodes: [128] });
  const top = result.code === 0 ? result.stdout.toString('utf8').trim() : '';
  if (bare.stdout.toString('utf8').trim() === 'true' || !top) throw new UsageError(`${dir} is a bare repository: it has no .keysweepignore to write; record decisions in a sweep store (--store) instead`);
  // core.worktree can name any directory: only a work tree that holds `dir` is written into.
  return dir === top || dir.startsWith(`${top}/`) ? top : dir;
}

/** Who decides: git's user.name and user.email (as a commit would name them), else the login name. */
async function whoDecides(dir: string, context: RunContext): Promise<string> {
  const get = async (key: string) => {
    try {
      const r = await runGit({ cwd: dir, env: context.env }, ['config', '--get', key], { allowCodes: [1, 128] });
      return r.code === 0 ? r.stdout.toString('utf8').trim() : '';
    } catch (error) {
      if (error instanceof GitError) return '';
      throw error;
    }
  };
  const [name, email] = [await get('user.name'), await get('user.email')];
  if (name || email) return [name, email ? `<${email}>` : ''].filter(Boolean).join(' ');
  return context.env.USER ?? context.env.LOGNAME ?? 'unknown';
}

