import { type CompiledGlob, compileGlob } from './wildmatch.js';


/**
 * One line of a .gitignore, read as git reads it (dir.c): `!` negates, a trailing `/` limits it to
 * directories, a pattern without a slash matches an entry's name at any depth and one with a slash the path
 * below the file's directory (a leading `/` only anchors). Names without wildcards are compared whole and
 * `*literal` by its ending, as git does; the rest through git's wildmatch (wildmatch.ts).
 */
export type IgnoreRule = {
  negative: boolean;
  dirOnly: boolean;
  /** Matched against the entry's name alone, else against its path below the .gitignore's directory. */
  byName: boolean;
} & (
  | { kind: 'exact'; text: string }
  | { kind: 'suffix'; text: string }
  /** `prefix` compared as it is, then wildmatch on what follows it, as git's match_pathname does. */
  | { kind: 'glob'; prefix: string; glob: CompiledGlob }
);

const BOM = '\u00ef\u00bb\u00bf';
const GLOB_SPECIAL = /[*?[\\]/;

/**
 * The most rules, and wildmatch steps in all, one .gitignore may hold: every path of the walk is asked of
 * them (real files hold hundreds of rules; a hostile one could hold millions). A file over either is not
 * applied, like an oversized one: the scan errs towards scanning more.
 */
export const MAX_RULES = 65_536;
export const MAX_GLOB_STEPS = 65_536;

/** The rules of a .gitignore, in order, or null over the limits above; `text` is its bytes as latin1 (git compares bytes). */
export function parseGitignore(text: string): IgnoreRule[] | null {
  const rules: IgnoreRule[] = [];
  let steps = 0;
  const body = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  for (let at = 0; at < body.length; ) {
    let end = body.indexOf('\n', at);
    if (end === -1) end = body.length;
    const raw = body.slice(at, end);
    at = end + 1;
    if (raw === '' || raw.startsWith('#')) continue;
    // A line longer than the whole budget is refused before it is compiled.
    if (rules.length === MAX_RULES || raw.length > MAX_GLOB_STEPS) return null;
    const crlf = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    // git reads a pattern as a C string: it ends at a NUL byte.
    const nul = crlf.indexOf('\u0000');
    const line = trimTrailingSpaces(nul === -1 ? crlf : crlf.slice(0, nul));
    const rule = compileRule(line);
    if (rule.kind === 'glob') steps += rule.glob?.length ?? 0;
    if (steps > MAX_GLOB_STEPS) return null;
    rules.push(rule);
  }
  return rules;
}

function compileRule(line: string): IgnoreRule {
  const negative = line.startsWith('!');
  let pattern = negative ? line.slice(1) : line;
  const dirOnly = pattern.endsWith('/');
  if (dirOnly) pattern = pattern.slice(0, -1);
  const byName = !pattern.includes('/');
  const flags = { negative, dirOnly, byName };
  if (byName) {
    if (!GLOB_SPECIAL.test(pattern)) return { ...flags, kind: 'exact', text: pattern };
    if (pattern.startsWith('*') && !GLOB_SPECIAL.test(pattern.slice(1))) return { ...flags, kind: 'suffix', text: pattern.slice(1) };
    return { ...flags, kind: 'glob', prefix: '', glob: compileGlob(pattern) };
  }
  if (pattern.startsWith('/')) pattern = pattern.slice(1);
  // git compares the part before the first wildcard as it is and hands wildmatch only the rest (which is
  // where a `**` counts as at the start: `foo**/bar` matches `foo/x/bar`).
  const special = pattern.search(GLOB_SPECIAL);
  const [prefix, rest] = special === -1 ? [pattern, ''] : [pattern.slice(0, special), pattern.slice(special)];
  return { ...flags, kind: 'glob', prefix, glob: compileGlob(rest) };
}

/** git's trim_trailing_spaces: trailing spaces go unless the first of them is escaped with a backslash. */
function trimTrailingSpaces(line: string): string {
  let lastSpace = -1;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === ' ') {
      if (lastSpace === -1) lastSpace = i;
    } else if (ch === '\\') {
      i++;
      if (i >= line.length) return line;
      lastSpace = -1;
    } else {
      lastSpace = -1;
    }
  }
  return lastSpace === -1 ? line : line.slice(0, lastSpace);
}
