/**
 * How every git process keysweep starts is armoured: a scanned repository is hostile input, and its
 * config, attributes and hooks must never run anything. Each `-c` below overrides a key that can name a
 * command (command-line config beats the repository's own), and the environment drops anything inherited
 * that could point git elsewhere (GIT_DIR from a calling hook, GIT_CONFIG_* injections, pagers, askpass).
 */
export const HARDENING_CONFIG: readonly string[] = [
  'core.fsmonitor=false',
  // Below /dev/null, which is a device: no hook can exist there.
  'core.hooksPath=/dev/null/keysweep-no-hooks',
  'core.sshCommand=false',
  'core.gitProxy=',
  'core.askPass=',
  'core.pager=cat',
  'core.editor=false',
  'sequence.editor=false',
  'core.attributesFile=/dev/null',
  'core.untrackedCache=false',
  'core.useReplaceRefs=false',
  'core.quotePath=false',
  'diff.external=',
  'diff.renames=false',
  'log.showSignature=false',
  'gpg.program=false',
  'credential.helper=',
  'uploadpack.packObjectsHook=',
  'protocol.allow=never',
  'submodule.recurse=false',
  'fetch.recurseSubmodules=false',
  'gc.auto=0',
  'maintenance.auto=false',
];

/** Inherited variables that are dropped: they could redirect git or run a program. */
const DROPPED = /^(GIT_(?!EXEC_PATH$)|SSH_ASKPASS$|PAGER$|EDITOR$|VISUAL$)/;

export function hardenedEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !DROPPED.test(name)) out[name] = value;
  }
  return {
    ...out,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_ATTR_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_PAGER: 'cat',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_NO_REPLACE_OBJECTS: '1',
    GIT_ASKPASS: 'false',
    LC_ALL: 'C',
  };
}

/** `git -c … -c … [--git-dir DIR] args`: the argument vector every keysweep git process uses. */
export function hardenedArgs(args: readonly string[], options: { gitDir?: string; safeDirectory?: string; readHooksPath?: boolean } = {}): string[] {
  // Installing a hook must find where the user's git looks for hooks; that query alone keeps core.hooksPath.
  const config = HARDENING_CONFIG.filter((c) => !(options.readHooksPath && c.startsWith('core.hooksPath=')));
  // Only the one repository the user named, only when they asked: never safe.directory=*.
  if (options.safeDirectory) config.push(`safe.directory=${options.safeDirectory}`);
  return [...config.flatMap((c) => ['-c', c]), '--no-pager', ...(options.gitDir ? ['--git-dir', options.gitDir] : []), ...args];
}
