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

triage set (no terminal needed, for scripts and bulk work):
      --as DECISION       false-positive, used-in-tests, accepted-risk or revoked
      --reason TEXT       why (required; one line; a key pasted here is redacted)
      --until DATE        accepted-risk only: the last day the risk is accepted (YYYY-MM-DD)
      --path GLOB         only the key's locations under this path (.gitignore syntax, no spaces)
      --store PATH        record in this sweep store instead of a .keysweepignore
      --repo PATH         the repository or directory whose .keysweepignore to write (default: .)
  -h, --help              this help
`;
