/**
 * git's wildmatch (wildmatch.c, with WM_PATHNAME) as a regular expression over byte strings (latin1: one
 * character per byte, as git compares bytes): `*` and `?` never match `/`, `**` between slashes spans
 * directories, `[...]` classes take `!` or `^`, ranges, escapes and POSIX `[:name:]` classes. A pattern git
 * would abort on (an unterminated class, a trailing backslash, an unknown `[:name:]`) matches nothing.
 */
export const NEVER = '(?!)';

const POSIX: Record<string, string> = {
  alnum: 'A-Za-z0-9',
  alpha: 'A-Za-z',
  blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '\\x21-\\x7e',
  lower: 'a-z',
  print: '\\x20-\\x7e',
  punct: '!-\\/:-@\\[-`{-~',
  space: ' \\t\\n\\r\\f\\v',
  upper: 'A-Z',
  xdigit: '0-9A-Fa-f',
};

/** One byte as a member of a regular expression class. */
const inClass = (ch: string) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
const literal = inClass;

/**
 * The regular expression source (unanchored) for `pattern`. Its first character counts as a start for `**`:
 * git checks what comes before a `**` in the string it hands wildmatch, which for a path pattern is what
 * follows its literal prefix (gitignore-pattern.ts).
 */
export function wildmatchSource(pattern: string): string {
  let out = '';
  for (let p = 0; p < pattern.length; p++) {
    const ch = pattern[p]!;
    if (ch === '\\') {
      // A trailing backslash escapes nothing: git gives up on the pattern.
      if (p + 1 >= pattern.length) return NEVER;
      out += literal(pattern[++p]!);
    } else if (ch === '?') {
      out += '[^/]';
    } else if (ch === '*') {
      const first = p;
      while (pattern[p + 1] === '*') p++;
      if (p === first) {
        out += '[^/]*';
        continue;
      }
      const before = first === 0 || pattern[first - 1] === '/';
      const next = pattern[p + 1];
      if (before && next === '/') {
        // `**/`: no directory or any number of them.
        out += '(?:.*/)?';
        p++;
      } else if (before && (next === undefined || (next === '\\' && pattern[p + 2] === '/'))) {
        out += '.*';
      } else {
        out += '[^/]*';
      }
    } else if (ch === '[') {
      const parsed = classAt(pattern, p);
      if (parsed === null) return NEVER;
      out += parsed.source;
      p = parsed.end;
    } else {
      out += literal(ch);
    }
  }
  return out;
}

/** The class that opens at `open`, as git reads it: the first member may be `]`; null when git would abort. */
function classAt(pattern: string, open: number): { source: string; end: number } | null {
  let p = open + 1;
  let negated = false;
  if (pattern[p] === '!' || pattern[p] === '^') {
    negated = true;
    p++;
  }
  let members = '';
  let previous: string | null = null;
  for (let first = true; first || pattern[p] !== ']'; first = false, p++) {
    let ch = pattern[p];
    if (ch === undefined) return null;
    if (ch === '\\') {
      ch = pattern[++p];
      if (ch === undefined) return null;
      members += inClass(ch);
      previous = ch;
    } else if (ch === '-' && previous !== null && pattern[p + 1] !== undefined && pattern[p + 1] !== ']') {
      let end = pattern[++p]!;
      if (end === '\\') {
        const escaped = pattern[++p];
        if (escaped === undefined) return null;
        end = escaped;
      }
      // git tests previous <= byte <= end: a reversed range matches nothing.
      if (end >= previous) members += `${inClass(previous)}-${inClass(end)}`;
      previous = null;
    } else if (ch === '[' && pattern[p + 1] === ':') {
      const close = pattern.indexOf(']', p + 2);
      if (close === -1) return null;
      if (close - 1 < p + 2 || pattern[close - 1] !== ':') {
        // No ":]": an ordinary `[`.
        members += inClass('[');
        previous = '[';
        continue;
      }
      const name = pattern.slice(p + 2, close - 1);
      const set = POSIX[name];
      if (set === undefined) return null;
      members += set;
      p = close;
      previous = null;
    } else {
      members += inClass(ch);
      previous = ch;
    }
  }
  // With WM_PATHNAME a class never matches `/`.
  const source = negated ? `[^/${members}]` : members === '' ? NEVER : `(?!/)[${members}]`;
  return { source, end: p };
}
