/** The first lines of every hook keysweep writes; how it recognises its own hooks. */
export const HOOK_MARKER = '# keysweep-hook v1';
/** Where an existing hook is moved when keysweep chains it (`--force`); uninstall moves it back. */
export const CHAINED_SUFFIX = '.keysweep-chained';

export type HookName = 'pre-push' | 'pre-commit';

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * A POSIX sh hook that runs the previous hook (if keysweep chained one) and then keysweep, each with the
 * same arguments and standard input. A failing previous hook stops the push or commit, as it did before.
 * Node and keysweep are named by absolute path: a hook must not depend on the PATH of a GUI git client.
 */
export function hookScript(hook: HookName, node: string, bin: string, extraArgs: string[] = []): string {
  const chained = `"\${0%/*}/${hook}${CHAINED_SUFFIX}"`;
  return `#!/bin/sh
${HOOK_MARKER}
# Installed by \`keysweep hook install\`; remove with \`keysweep hook uninstall\`.
# Skip once: git ${hook === 'pre-push' ? 'push' : 'commit'} --no-verify, or KEYSWEEP_SKIP=1.
# Shell built-ins only (read, printf, [): a hook runs in the work tree, where a PATH entry such as "."
# would find a committed cat or dirname.
input=
while IFS= read -r line || [ -n "$line" ]; do
  input="$input$line
"
done
chained=${chained}
if [ -x "$chained" ]; then
  printf '%s' "$input" | "$chained" "$@" || exit $?
fi
node=${shellQuote(node)}
bin=${shellQuote(bin)}
if [ ! -x "$node" ] || [ ! -f "$bin" ]; then
  echo "keysweep ${hook} hook: keysweep is no longer at $bin; reinstall it (keysweep hook install) or set KEYSWEEP_SKIP=1" >&2
  [ "$KEYSWEEP_FAIL_OPEN" = 1 ] && exit 0
  exit 2
fi
# "--": git's arguments are never options (a remote may be named "-h" or "--max-file-size=1").
printf '%s' "$input" | "$node" "$bin" hook ${hook}${extraArgs.map((a) => ` ${shellQuote(a)}`).join('')} -- "$@"
`;
}

export function isKeysweepHook(content: string): boolean {
  return content.split('\n', 3).includes(HOOK_MARKER);
}
