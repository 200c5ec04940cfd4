import { redactPaths } from './redact-paths.js';
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { reveal } from '../core/secret.js';
import type { AppliedDecision, Finding, Location } from '../core/types.js';
import type { RuleSet } from '../rules/rule-types.js';
import { applyDecisions, stateOf } from '../suppress/apply-decisions.js';
import { parseIgnoreFile } from '../suppress/ignore-file.js';
import { mirrorPath } from '../sweep/mirror.js';
import { openSweepStore } from '../sweep/sweep-store.js';
import { decisionStore } from './decision-store.js';
import { IGNORE_FILE_NAME, readIfExists } from './load-suppressions.js';
import { loadReport, readReportFile } from './load-report.js';
import { contextLine } from './location-context.js';
import { openPage } from './open-page.js';
import type { ProgressListener } from './progress.js';
import { rebuildFinding } from './rebuild-finding.js';
import { ignoreFileRoot } from './record-decisions.js';
import { recoverSecret } from './recover-secret.js';
import type { RunContext } from './run-context.js';
import { scanHistory } from './scan-history.js';
import { scanPaths } from './scan-paths.js';
import { storedSweep } from './stored-sweep.js';
import type { TriageEffects, TriageSession } from './triage-session.js';
import { type VerifyRequest, verifyKeys } from './verify-keys.js';

/** What to triage: a JSON report (decisions go to `repo`'s .keysweepignore), a sweep store, or a repository scanned now. */
export type TriageSource =
  | { kind: 'report'; path: string; repo: string }
  | { kind: 'store'; path: string; cacheDir: string }
  | { kind: 'repository'; path: string; tree: boolean };

export type TriageOptions = { showSecrets: boolean; verify: VerifyRequest; userAgent: string; rules: RuleSet; maxFileSize: number; openers: readonly string[] };

/** Loads the findings of a source and the effects that act on them: verification, decisions, source lines. */
export async function openTriage(source: TriageSource, options: TriageOptions, context: RunContext, progress: ProgressListener): Promise<TriageSession> {
  const now = new Date().toISOString();
  if (source.kind === 'store') {
    const { result } = storedSweep(resolve(context.cwd, source.path), null, options.rules, { newOnly: false, strict: false });
    const all = [...result.findings, ...result.ignored];
    // Store locations name repositories by identity: a local path, or a URL whose mirror is in the cache.
    const local = (identity: string) => (isAbsolute(identity) && existsSync(identity) ? identity : mirrorPath(resolve(context.cwd, source.cacheDir), identity));
    const items = all.map((f) => ({ finding: f, repos: [...new Set(f.locations.flatMap((l) => (l.source === 'git' ? [l.repo] : [])))], decision: f.decision ?? null }));
    const readBack = (f: Finding) => recoverKey(f, f.locations.map((l) => (l.source === 'git' ? ({ ...l, repo: local(l.repo) } as Location) : l)), options.rules, context);
    const decisions = decisionStore({ kind: 'store', path: source.path }, context);
    const effects = sessionEffects(options, context, decisions, readBack, (f) => f.locations.map((l) => (l.source === 'git' ? ({ ...l, repo: local(l.repo) } as Location) : l)), (verdicts) => {
      const store = openSweepStore(resolve(context.cwd, source.path), 'existing');
      try {
        store.putVerdicts(verdicts);
      } finally {
        store.close();
      }
    });
    return { title: `sweep store ${source.path}`, items, savesTo: source.path, effects };
  }
  if (source.kind === 'report') {
    const report = await loadReport(await readReportFile(source.path, context.cwd), source.path, options.rules, context);
    const root = await ignoreFileRoot(resolve(context.cwd, source.repo), context);
    const file = parseIgnoreFile((await readIfExists(resolve(root, IGNORE_FILE_NAME))) ?? '', '');
    const entries = file.decisions.map((decision) => ({ decision, root: '' }));
    const items = [...report.findings, ...report.unreadable].map((f) => applyDecisions(f, entries, now)).map((f) => ({ finding: f, repos: [], decision: f.decision ?? null }));
    const decisions = decisionStore({ kind: 'directory', path: root }, context);
    return { title: `report ${source.path}`, items, savesTo: resolve(root, IGNORE_FILE_NAME), effects: sessionEffects(options, context, decisions, (f) => recoverKey(f, f.locations, options.rules, context), (f) => f.locations, () => {}) };
  }
  const path = resolve(context.cwd, source.path);
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new (await import('../core/errors.js')).UsageError(`${source.path} is not a directory`);
  const result = source.tree
    ? await scanPaths({ paths: [source.path], cwd: context.cwd, stdin: null, gitignore: true, maxFileSize: options.maxFileSize, threads: 2, suppression: { baseline: null, ignoreFile: null }, rules: options.rules }, progress)
    : (await scanHistory({ repo: source.path, scope: { kind: 'all' }, maxFileSize: options.maxFileSize, trustOwner: false, suppression: { baseline: null, ignoreFile: null }, rules: options.rules }, context, progress)).result;
  // Paths are shown on screen: a key in a file or directory name is redacted there, as in every report.
  const shown = options.showSecrets ? result : redactPaths(result, options.rules);
  const items = [...shown.findings, ...shown.ignored].map((f) => ({ finding: f, repos: [], decision: f.decision ?? null }));
  const root = await ignoreFileRoot(path, context);
  const decisions = decisionStore({ kind: 'directory', path: root }, context);
  return { title: `${source.tree ? 'files' : 'history'} of ${source.path}`, items, savesTo: resolve(root, IGNORE_FILE_NAME), effects: sessionEffects(options, context, decisions, (f) => recoverKey(f, f.locations, options.rules, context), (f) => f.locations, () => {}) };
}

/** The key of a finding: held from the scan, or read back from where it was seen (checked against its hash). */
async function recoverKey(finding: Finding, locations: Location[], rules: RuleSet, context: RunContext): Promise<Finding | null> {
  if (reveal(finding.secret) !== '') return finding;
  const secret = await recoverSecret(finding.secretSha256, locations, rules, context);
  return secret ? rebuildFinding(secret, finding.secretSha256, locations, rules) : null;
}

function sessionEffects(
  options: TriageOptions,
  context: RunContext,
  decisions: ReturnType<typeof decisionStore>,
  readBack: (f: Finding) => Promise<Finding | null>,
  localLocations: (f: Finding) => Location[],
  keepVerdicts: (verdicts: Array<{ sha256: string; verification: NonNullable<Finding['verification']> }>) => void,
): TriageEffects {
  const known = new Map<string, Finding>();
  return {
    async verify(findings) {
      const withKeys = (await Promise.all(findings.map(readBack))).filter((f): f is Finding => f !== null);
      if (withKeys.length === 0) return [];
      const verified = await verifyKeys(withKeys, options.verify, { ...context, userAgent: options.userAgent, rules: options.rules });
      const results = verified.flatMap((f) => (f.verification ? [{ sha256: f.secretSha256, verification: f.verification }] : []));
      keepVerdicts(results);
      for (const f of verified) known.set(f.secretSha256, f);
      return results;
    },
    async decide({ kind, sha256s, reason, until }) {
      const written = await decisions.record({ kind, sha256s, reason, until });
      return written.map((d) => {
        const { sha256, ...rest } = d;
        const applied: AppliedDecision = { ...rest, state: stateOf(d, known.get(sha256) ?? {}, new Date().toISOString()) };
        return { sha256, decision: applied };
      });
    },
    restore: (previous) => decisions.restore(previous),
    context: (finding) => Promise.all(localLocations(finding).map((l) => contextLine(l, finding.secretSha256, options.rules, context).catch(() => null))),
    openPage: (url) => openPage(url, context.env, options.openers),
    async reveal(finding) {
      if (!options.showSecrets) return null;
      const found = await readBack(finding);
      return found ? reveal(found.secret) : null;
    },
  };
}
