import { isAbsolute, resolve } from 'node:path';

/** One repository to sweep: a local path, or a remote URL that is mirrored first. `identity` is stable across runs. */
export type RepoEntry = { kind: 'path'; identity: string; path: string } | { kind: 'url'; identity: string; url: string };

/** Transports a remote URL may use. Anything else (ext::, fd::, a helper) is refused before git sees it. */
const URL_SCHEMES = /^(https?|ssh|git|file):\/\//i;
const SCP_LIKE = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^:]/;

/** Parses a --repos file: one local path or git URL per line, `#` comments, blank lines skipped. */
export function parseRepoList(text: string, baseDir: string): { entries: RepoEntry[]; errors: string[] } {
  const entries: RepoEntry[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const entry = repoEntry(line, baseDir);
    if (typeof entry === 'string') errors.push(`line ${i + 1}: ${entry}`);
    else entries.push(entry);
  });
  return { entries: dedupe(entries), errors };
}

/** A path, or a URL with an allowed transport; a string says why the line was refused. */
export function repoEntry(text: string, baseDir: string): RepoEntry | string {
  if (/^[a-z][a-z0-9+.-]*::/i.test(text)) return `"${text.split('::')[0]}::" remote helpers are refused: they run commands`;
  if (text.startsWith('-')) return 'a repository cannot start with "-"';
  if (URL_SCHEMES.test(text) || SCP_LIKE.test(text)) {
    return { kind: 'url', identity: withoutCredentials(text), url: text };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return `unsupported transport in ${withoutCredentials(text)} (https, ssh, git and file only)`;
  const path = isAbsolute(text) ? text : resolve(baseDir, text);
  return { kind: 'path', identity: path, path };
}

/** The URL as it may be shown and stored: no user:password. */
export function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    // Not a URL the parser reads: hide everything up to the last @ of the authority.
    return url.replace(/^([a-z]+:\/\/)[^#?]*@/i, '$1');
  }
}

function dedupe(entries: RepoEntry[]): RepoEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => (seen.has(e.identity) ? false : (seen.add(e.identity), true)));
}
