import type { Finding, Problem, RepoSummary, ScanStats } from '../core/types.js';

/** What every reporter receives. Reporters are pure functions of this: they never scan and never fetch. */
export type ReportInput = {
  findings: Finding[];
  ignored: Finding[];
  stats: ScanStats & Record<string, unknown>;
  problems: Problem[];
  /** Sweeps: one line per repository (text: a table before the findings; JSON: a "repositories" array). */
  repositories?: RepoSummary[];
  tool: { name: string; version: string };
  options: ReportOptions;
};

export type ReportOptions = {
  /** Print full keys. Off by default: the only way to see one whole. */
  showSecrets: boolean;
  /** List suppressed findings too (they are always counted). */
  showIgnored: boolean;
  /** ANSI colour, for text on a terminal only. */
  color: boolean;
  /** The run could not read all of its scope and exits 2: the summary must not read as a clean result. */
  incomplete?: boolean;
};
