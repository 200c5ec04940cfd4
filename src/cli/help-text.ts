import { READER_HELP } from './parse-reader.js';
/** --help for each command. Keep these true to the code: a test checks every flag parsed is documented here. */
export const MAIN_HELP = `keysweep: find leaked OpenAI API keys, tell how dangerous each one is, and get it revoked.

Usage:
  keysweep scan [PATH...]     scan files and directories (working trees); - reads standard input
  keysweep history [REPO]     scan a repository's whole git history (every blob of every ref, once)
  keysweep sweep              sweep many repositories (a list, a directory) into a findings store
  keysweep report --store P   render a past sweep again from its store
  keysweep merge REPORT...    combine the JSON reports of sweep shards into one
  keysweep triage [REPORT]    go through findings and decide about each one (terminal UI); triage set for scripts
  keysweep verify [REPORT]    check whether the keys of a JSON report still work, and what they can do
  keysweep hook install       install a git pre-push hook (and with --pre-commit a pre-commit hook)
  keysweep demo               generate a demo repository with planted fake keys and scan it
  keysweep help [COMMAND]     show help for a command
  keysweep --version          print the version

Exit codes: 0 nothing found, 1 findings, 2 usage or runtime error (including "nothing was scanned").
Full keys are never printed unless --show-secrets is given; reports show a redacted key and its SHA-256.
`;

const REPORT_FLAGS = `Output:
  -f, --format FORMAT     text (default), json, jsonl or sarif (SARIF 2.1.0)
  -o, --output FILE       write the report to FILE (mode 0600) instead of standard output
      --show-secrets      print full keys (off by default; the only way to see one whole)
      --show-ignored      list suppressed findings too (they are always counted in the summary)
      --no-color          no ANSI colour (also off when NO_COLOR is set or output is not a terminal)

Suppression (ignored findings are counted, never silently dropped):
  A line containing "keysweep:allow" suppresses the key on that line.
  .keysweepignore at a scanned directory's root: one entry per line, a secret's SHA-256 (as reports show
  it) or a path glob in .gitignore syntax; # starts a comment.
      --ignore-file FILE  another file in .keysweepignore syntax (globs relative to the current directory)
      --baseline FILE     drop findings already in an earlier --format json report`;

const VERIFY_FLAGS = `Verification (opt-in; sends each key to OpenAI's API, so verify only keys you are responsible for):
      --verify            one read-only check per distinct key: live, revoked or unknown
      --verify=deep       also the permission level of live keys (all, restricted, read-only: GET probes
                          and write probes whose body fails validation, so nothing is created or billed);
                          for admin keys, which organisation-level read endpoints answer
      --verify=deep,owner also the key owner from /v1/me (personal data: shown redacted)
      --no-cache          ignore and do not update the verdict cache (revoked: kept for good; live: 6 hours;
                          unknown: never cached; keyed by the key's SHA-256, never the key)
      --verify-timeout S  seconds per request (default 10)
      --verify-budget S   seconds for all checks (default 120); keys not reached are "unknown"
  Requests go to https://api.openai.com only (KEYSWEEP_OPENAI_BASE_URL may name a loopback test server).`;

export const SCAN_HELP = `Usage: keysweep scan [options] [PATH...]

Scans files and directories (default: the current directory) for OpenAI secret keys. Directories are
walked with dotfiles included; .git/ is always skipped; .gitignore files (nested ones too) and
.git/info/exclude are honoured unless --no-ignore. Symlinks inside are never followed (counted as skipped;
a PATH you name may itself be a symlink),
nor are FIFOs, sockets or devices. Binary files are scanned as bytes. A file that cannot be read is
reported as a problem and the scan goes on. PATH "-" reads standard input.

Scan:
      --no-ignore         scan files that .gitignore excludes too
      --max-file-size N   skip larger files, counted as too-large (default 25MiB; accepts KiB, MiB, GiB)
      --no-decode         do not look for keys inside base64, hex or UTF-16 (on by default; glued escapes are always read)
      --threads N         threads that read and match trees of 128 files or more (default: one per core,
                          at most 8, and 1 on machines with 2 cores or fewer; 1 = main thread only)
  -h, --help              this help

${REPORT_FLAGS}

${VERIFY_FLAGS}

Exit codes: 0 nothing found, 1 findings, 2 usage or runtime error (bad path, unreadable root, nothing scanned).
`;

export const DEMO_HELP = `Usage: keysweep demo [--keep DIR] [options]

Builds a demo git repository with planted fake keys of every OpenAI format (made at run time from a
seeded generator: nothing key-shaped is shipped): some in HEAD (a .env, YAML, a notebook, a minified
bundle, docs, XML, a SQLite file), others only in history (a deleted file, an unmerged branch, a tag on a
commit no branch reaches, a stash). Runs keysweep history on it and prints the report. The fake keys are
random and not live. Exits 0 when exactly the planted keys were found, 2 otherwise.

      --keep DIR          generate the demo in DIR (must not exist) and leave it there
  -h, --help              this help

${REPORT_FLAGS}
`;

export const HISTORY_HELP = `Usage: keysweep history [options] [REPO]

Scans every blob reachable from every ref of a git repository (default: the current directory): branches,
tags (also tags on commits no branch reaches), remote-tracking refs, every stash entry and notes. Each blob
is read once, from one git cat-file process, however many commits hold it; commit and tag messages are
scanned too. Each finding names, per path, the commit that introduced the key (author, date, subject) and
whether the key is still in HEAD (inHead). Works on bare repositories, linked worktrees and shallow clones
(scanned as far as they go, and said so); submodules are listed, not descended into; Git LFS pointer files
are counted (their content lives outside git).

Scope (one at most):
      --branch REF        only what REF reaches
      --since-commit REV  only commits not reachable from REV (what is new since then, on any ref)
      --range A..B        only commits in A..B
      --unreachable       every object in the store, also those no ref reaches (force-pushed, amended,
                          dropped stashes); such locations say "unreachable" when no commit names them

Scan:
      --max-file-size N   skip larger blobs, counted as too-large (default 25MiB)
      --no-decode         do not look for keys inside base64, hex or UTF-16 (on by default; glued escapes are always read)
${READER_HELP}
      --threads N         pack scan threads (default: one per core, at most four)
      --trust-owner       allow a repository owned by another user (see below)
  -h, --help              this help

${REPORT_FLAGS}

${VERIFY_FLAGS}

The repository's own .keysweepignore, as committed at HEAD, applies; path globs match paths in history.

A hostile repository cannot run anything: keysweep runs git with hooks, fsmonitor, pagers, external diff,
textconv, filters, ssh and credential helpers disabled and every transport closed (no lazy fetch from a
promisor remote), ignores grafts, replace refs and the commit-graph, reads objects rather than a work tree,
ignores system config, and runs the git found in the absolute PATH entries only. If git refuses the repository with "dubious ownership", it belongs to another user and git
will not trust its config; because keysweep neutralises that config, --trust-owner lets git read this one
repository (keysweep passes -c safe.directory=<that path>, never *).

Missing objects (a damaged store, a partial clone) are never fetched: each is named as a problem, the
report covers what could be read, and the exit code is 2 in every scope. A scope that resolves and holds
nothing (a range with no new commits) is a clean scan.

Exit codes: 0 nothing found, 1 findings, 2 error: git failed, objects are missing, the repository is
empty. A scan that did not cover its scope never reads as "no findings".
`;

export const HOOK_HELP = `Usage:
  keysweep hook install [--pre-commit] [--force] [--verify[=deep]] [REPO]
  keysweep hook uninstall [REPO]
  keysweep hook pre-push [-- REMOTE [URL]]  (run by git; reads the pushed refs on standard input)
  keysweep hook pre-commit                  (run by git)

install writes a pre-push hook into the repository's hooks directory (core.hooksPath when set). With
--pre-commit it also writes a pre-commit hook. A hook that is already keysweep's is rewritten (running
install again is harmless). A foreign hook is refused; with --force it is chained: moved to
<hook>.keysweep-chained and run first, with the same arguments and input. uninstall removes keysweep's
hooks and puts chained ones back.

pre-push scans exactly what the push adds: for each pushed ref, the commits the remote does not have yet
(remote-sha..local-sha for an update; for a new branch or tag, or a force-push over a commit never fetched,
everything not reachable from that remote's tracking refs, which count only when remote.<name>.pushurl
matches its url; nothing for a deletion). Commits the remote already has are never re-reported. Under the
pre-commit framework (PRE_COMMIT_* variables, no standard input) every local branch and tag the remote
lacks is checked, since the framework names only the first pushed ref. pre-commit scans the blobs of the
index being committed (GIT_INDEX_FILE, so commit -a and commit PATH are covered), not the work tree, and
works during a merge or a rebase. On a key: exit 1, and a message with the redacted key, its kind, path and
line, the commit that introduced it, how to take it out (git commit --amend, or git rebase -i for an older
commit) and where to revoke it.

Escape hatches: git push --no-verify (or git commit --no-verify); KEYSWEEP_SKIP=1. Keys on a line with
"keysweep:allow", listed in .keysweepignore at the top of the work tree, or present in the baseline
(--baseline FILE, or .keysweep-baseline.json at the top of the work tree) do not block.
If the check itself fails (git error, unreadable object, a blob over 256MiB) the hook says so and exits 2, blocking the push:
it never lets a push through unchecked. KEYSWEEP_FAIL_OPEN=1 makes such failures let it through.
The hooks make no network request.

Options for pre-push and pre-commit:
      --baseline FILE     findings in this earlier --format json report do not block
      --ignore-file FILE  another file in .keysweepignore syntax
      --max-file-size N   hooks scan every blob up to 256MiB or N, whichever is larger; a larger one blocks
      --no-decode         do not look for keys inside base64, hex or UTF-16 (on by default; glued escapes are always read)
      --verify[=deep]     also check the keys found with OpenAI before blocking (network; off by default;
                          --no-cache, --verify-timeout S, --verify-budget S as for scan)
Options for install: --pre-commit, --force, and --verify[=deep] to write that flag into the hooks.
  -h, --help: this help.
`;

export const VERIFY_HELP = `Usage: keysweep verify [options] [REPORT.json | -]

Checks whether the keys in an earlier --format json report still work (default: the report on standard
input). Reports never hold keys, so each key is read back from the file or git blob the report names and
checked against its SHA-256; a key that cannot be read back is "unknown". A report is untrusted: only a
few bytes at each reported offset of a regular file or blob are read, and a key's type, redacted form,
id and revocation page are regenerated by keysweep, never taken from the report. Verdicts: live, revoked (only
when OpenAI answers 401 invalid_api_key), unknown (anything not definitive: network errors, timeouts, 5xx,
404, region blocks). Keys that authenticated but lack a scope, or are rate or quota limited, are live.
Prints the report again with "verification" filled in and the revocation steps for each key; live keys first.

${VERIFY_FLAGS}
(Here a plain check runs even without --verify.)
  -h, --help              this help

${REPORT_FLAGS}

Exit codes: 0 every key is revoked, 1 a key is live or undecided, 2 usage or runtime error.
`;

import { MERGE_HELP, REPORT_HELP, SWEEP_HELP } from './sweep-help-text.js';
import { TRIAGE_HELP } from './triage-help-text.js';

export const HELP_BY_COMMAND: Record<string, string> = { scan: SCAN_HELP, history: HISTORY_HELP, hook: HOOK_HELP, verify: VERIFY_HELP, demo: DEMO_HELP, sweep: SWEEP_HELP, report: REPORT_HELP, merge: MERGE_HELP, triage: TRIAGE_HELP };
