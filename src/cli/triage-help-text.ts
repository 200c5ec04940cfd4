/** --help for `keysweep triage`. Keep it true to the code: a test checks every parsed flag is here. */
export const TRIAGE_HELP = `Usage: keysweep triage [REPORT.json | --store PATH | PATH] [options]
       keysweep triage set SHA256... --as DECISION --reason TEXT [--until YYYY-MM-DD] [--path GLOB] [--store PATH | --repo PATH]

Goes through findings and decides what happens to each one, from the keyboard (a terminal is needed;
without one, use --format on scan, history or report).

Decisions:
  false-positive   not a real key
  used-in-tests    a key that only tests use
  accepted-risk    known and accepted, with a reason and an optional end date (--until); after that date
                   the key is reported again
  revoked          revoked or rotated; a key decided revoked that verifies live again is reported again

Where decisions go: into the sweep store (--store, kept as an append-only history), or into .keysweepignore
at the root of the repository (or scanned directory), one line per key:
  <sha256> <decision> [path=GLOB] [until=DATE] # <who>, <when>: <why>
scan, history, the hooks and sweep honour them; --show-ignored lists them, SARIF carries them as suppressions.

Opening:
  REPORT.json             a keysweep JSON report; decisions go to .keysweepignore of --repo (default: .)
      --store PATH        a sweep store; decisions go into the store
      --cache-dir DIR     where the sweep's mirrors are, to read keys back for v (default: as for sweep)
  PATH                    a repository: its history is scanned first (a tree scan with --tree)
      --tree              scan the files of PATH instead of its history
      --max-file-size N   as for scan and history (default 25MiB)
      --show-secrets      allow x to show a full key in the detail view
      --verify=deep       what v checks (deep: permissions and scopes); --no-cache, --verify-timeout S,
                          --verify-budget S as for scan

Keys (also on ? in the UI):
  j/k ↑/↓     move
  PgUp/PgDn   page
  Enter       open a finding
  Esc         back
  space       mark several
  v           verify now
  f           false positive
  t           used in tests
  a           accepted risk (reason, optional end date)
  r           revoked (checked first when it can be)
  u           undo the last decision
  o           revocation page
  /           filter by text
  T S P       filter: type, status, repository
  s / R       sort by the next column / reverse
  x           show the full key (detail view, --show-secrets only)
  ?           help
  q           quit

triage set (no terminal needed, for scripts and bulk work):
      --as DECISION       false-positive, used-in-tests, accepted-risk or revoked
      --reason TEXT       why (required; one line; a key pasted here is redacted)
      --until DATE        accepted-risk only: the last day the risk is accepted (YYYY-MM-DD)
      --path GLOB         only the key's locations under this path (.gitignore syntax, no spaces)
      --store PATH        record in this sweep store instead of a .keysweepignore
      --repo PATH         the repository or directory whose .keysweepignore to write (default: .)
  -h, --help              this help
`;
