import { READER_HELP } from './parse-reader.js';
/** --help for the sweep commands (sweep, report, merge). Keep these true to the code: a test checks every parsed flag is here. */
export const SWEEP_HELP = `Usage: keysweep sweep (--repos FILE | --discover DIR)... [options]

Sweeps many repositories: every ref's history of each, once, into a findings store (SQLite) and one report.
Local repositories are read in place; remote ones (https, ssh, git, file URLs) are mirrored into the cache
first. A re-sweep scans only what is new since the last successful sweep of each repository; a sweep that
was interrupted (even killed) resumes where it stopped when run again with the same inputs.

Repositories:
      --repos FILE        one local path or git URL per line, # comments (remote helpers like ext:: are refused)
      --discover DIR      every repository under DIR (work trees and bare ones; symlinks not followed)
      --max-depth N       how deep --discover looks (default 6)
      --github-org ORG    every repository of a GitHub organisation (REST API, all pages; rate limits and
                          Retry-After honoured); authenticated by GITHUB_TOKEN from the environment, never a flag;
                          the token also clones private repositories, from that GitHub host only
      --github-api-url U  GitHub Enterprise Server: its API URL (https://HOST/api/v3)
      --github-app-id ID, --github-app-key FILE, --github-installation ID
                          list as a GitHub App installation instead (tokens are minted and renewed
                          before they expire); the key is read from FILE, never given on the command line
      --include-forks     also forks (skipped by default)
      --include-archived  also archived repositories (skipped by default)
      --include GLOB      only repositories whose name matches (* and ?; repeatable)
      --exclude GLOB      not repositories whose name matches (repeatable)

Sweep:
      --store PATH        the findings store (default: <cache dir>/sweep.db)
      --cache-dir DIR     mirrors and the store (default: ~/.cache/keysweep/sweep, or KEYSWEEP_CACHE_DIR/sweep)
      --concurrency N     repositories at a time (default 2)
      --full              rescan everything, not only what is new
      --shard I/N         this runner's share of the repositories (a stable hash of each repository), 1 <= I <= N
      --repo-timeout S    give up on a mirror that is silent this long (default 600)
      --max-file-size N   skip larger blobs, counted as too-large (default 25MiB)
      --no-decode         do not look for keys inside base64, hex or UTF-16 (on by default; glued escapes are always read)
${READER_HELP}
      --new-only          report only keys first seen in this sweep
      --strict            a swept repository's own keysweep:allow and .keysweepignore do not close its findings
      --verify[=deep]     check each distinct key of the sweep once with OpenAI, after the scan (network;
                          --no-cache, --verify-timeout S, --verify-budget S as for scan); verdicts are stored
  -q, --quiet             no progress lines on standard error (for cron)
  -h, --help              this help

Output:
  -f, --format FORMAT     text (default), json, jsonl or sarif; JSON adds a "repositories" array
  -o, --output FILE       write the report to FILE (mode 0600) instead of standard output
      --show-ignored      list suppressed findings too (they are always counted in the summary)
      --no-color          no ANSI colour (also off when NO_COLOR is set or output is not a terminal)
      --show-secrets, --baseline, --ignore-file: refused here (the store holds no keys; per-sweep
                          baselines are not there yet)

The store never holds a key: findings are kept by the key's SHA-256, with every location and when it was
first and last seen. The report starts with one line per repository (scanned, unchanged, failed with its
reason, or incomplete with what could not be read).

Exit codes: 0 clean, 1 findings, 3 some repositories failed or were incomplete (and no findings),
2 the sweep could not run.
`;

export const REPORT_HELP = `Usage: keysweep report --store PATH [--sweep ID] [options]

Renders a past sweep again from its store, without scanning anything: the latest sweep, or sweep ID.

      --store PATH        the sweep's store (keysweep sweep --store, default <cache dir>/sweep.db)
      --sweep ID          which sweep (default: the latest)
      --new-only          only keys first seen in that sweep
      --strict            swept repositories' own keysweep:allow and .keysweepignore do not close findings
  -f, --format FORMAT     text (default), json, jsonl or sarif
  -o, --output FILE       write the report to FILE (mode 0600) instead of standard output
      --show-ignored      list suppressed findings too
      --no-color          no ANSI colour
      --show-secrets, --baseline, --ignore-file: refused or not used (the store holds no keys)
  -h, --help              this help

Exit codes: as keysweep sweep (0 clean, 1 findings, 3 repositories failed, 2 error).
`;

export const MERGE_HELP = `Usage: keysweep merge [-o FILE] [--store PATH]... [REPORT.json...]

Combines the JSON reports of sweep shards (keysweep sweep --shard I/N --format json) into one report: each
key once, with every location from every shard, every repository's line, and the counters added. A key
found in one shard and suppressed in another is reported. Reports written with --show-secrets are refused.

      --store PATH        a shard's store instead of its report: its latest sweep is merged (repeatable)
  -o, --output FILE       write the merged report to FILE (mode 0600) instead of standard output
  -h, --help              this help

Exit codes: as keysweep sweep (0 clean, 1 findings, 3 repositories failed, 2 error).
`;

