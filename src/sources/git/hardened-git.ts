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
  // A commit-graph file is a cache the repository supplies: an edited one hides parents (and so history).
  'core.commitGraph=false',
  'core.quotePath=false',
  'core.alternateRefsCommand=',
  'diff.external=',
  'diff.renames=false',
  'log.showSignature=false',
  // Output settings a repository could use to bend what keysweep parses: root commits must show their
  // diff (or a key in the first commit loses its attribution), and text comes out as UTF-8.
  'log.showRoot=true',
  'i18n.logOutputEncoding=UTF-8',
  'gpg.program=false',
  'gpg.ssh.program=false',
  'gpg.x509.program=false',
  'gpg.ssh.defaultKeyCommand=',
  'credential.helper=',
  'uploadpack.packObjectsHook=',
  // Defence in depth only: a per-protocol protocol.<name>.allow in the repository beats this, which is
  // why GIT_ALLOW_PROTOCOL (below, in the environment) is what actually closes every transport.
  'protocol.allow=never',
  'submodule.recurse=false',
  'fetch.recurseSubmodules=false',
  'gc.auto=0',
  'maintenance.auto=false',
];

/** Inherited variables that are dropped: they could redirect git or run a program. */
const DROPPED = /^(GIT_(?!EXEC_PATH$)|SSH_ASKPASS$|PAGER$|EDITOR$|VISUAL$)/;

/**
 * The environment every keysweep git process gets. `indexFile` (absolute) is the one GIT_* variable ever
 * passed on: a pre-commit hook must read the index git is about to commit (`git commit -a`, `git commit
 * PATH` write a temporary one and name it in GIT_INDEX_FILE).
 */
export function hardenedEnv(env: Record<string, string | undefined>, options: { indexFile?: string } = {}): Record<string, string> {
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
    // Set and empty: no transport at all, whatever protocol.<name>.allow the repository sets. A promisor
    // remote would otherwise lazy-fetch a missing object through `ext::`, `file://` + uploadpack, ssh…
    GIT_ALLOW_PROTOCOL: '',
    GIT_PROTOCOL_FROM_USER: '0',
    // git 2.44+: never fetch a missing object on demand (older git: GIT_ALLOW_PROTOCOL above still blocks it).
    GIT_NO_LAZY_FETCH: '1',
    // A path that cannot exist: .git/info/grafts rewrites parents and so hides history.
    GIT_GRAFT_FILE: '/dev/null/keysweep-no-grafts',
    LC_ALL: 'C',
    ...(options.indexFile ? { GIT_INDEX_FILE: options.indexFile } : {}),
  };
}

export type HardenedArgsOptions = { gitDir?: string; dir?: string; safeDirectory?: string; readHooksPath?: boolean };

/**
 * `git -c … -c … (--git-dir DIR | -C DIR) args`: the argument vector every keysweep git process uses.
 * The process itself always starts outside the repository; git is told where to work.
 */
export function hardenedArgs(args: readonly string[], options: HardenedArgsOptions = {}): string[] {
  // Installing a hook must find where the user's git looks for hooks; that query alone keeps core.hooksPath.
  const config = HARDENING_CONFIG.filter((c) => !(options.readHooksPath && c.startsWith('core.hooksPath=')));
  // Only the one repository the user named, only when they asked: never safe.directory=*.
  if (options.safeDirectory) config.push(`safe.directory=${options.safeDirectory}`);
  const where = options.gitDir ? ['--git-dir', options.gitDir] : options.dir ? ['-C', options.dir] : [];
  return [...config.flatMap((c) => ['-c', c]), '--no-pager', ...where, ...args];
}
