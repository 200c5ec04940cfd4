/**
 * git's wildmatch (wildmatch.c, with WM_PATHNAME) over byte strings (latin1: one character per byte, as git
 * compares bytes): `*` and `?` never match `/`, `**` between slashes spans directories (`**` followed by a
 * slash may match no directory at all), classes take `!` or `^`, ranges, escapes and POSIX `[:name:]` as
 * git defines them. A pattern git gives up on (an unterminated class, a trailing backslash, an unknown
 * `[:name:]`) matches nothing.
 *
 * Compiled to a sequence of steps run as a set of states over the text, once per byte: O(steps × bytes)
 * whatever the pattern. git's own recursive matcher (and a regular expression) takes exponential time on
 * `*a*a*a…b` against a long name; a hostile repository's .gitignore must not stall a scan.
 */
type Step =
  /** One byte of the set. */
  | { kind: 'byte'; set: Uint8Array }
  /** Any run of bytes but `/` (`*`), or of any bytes (`**` between slashes). */
  | { kind: 'star'; slash: boolean }
  /** `**` then `/`: no directory, or any bytes up to and including a `/`. */
  | { kind: 'dirs' };

export type CompiledGlob = readonly Step[] | null;

const SLASH = 0x2f;
const NOT_SLASH = (() => {
  const set = new Uint8Array(256).fill(1);
  set[SLASH] = 0;
  return set;
})();

/** One set per byte, shared: a long literal pattern must not cost 256 bytes a character. */
const SINGLE = Array.from({ length: 256 }, (_, code) => {
  const set = new Uint8Array(256);
  set[code] = 1;
  return set;
});
const single = (code: number) => SINGLE[code]!;

/** The steps of `pattern`; its first byte counts as a start for `**` (as in the string git hands wildmatch). */
export function compileGlob(pattern: string): CompiledGlob {
  const steps: Step[] = [];
  for (let p = 0; p < pattern.length; p++) {
    const ch = pattern.charCodeAt(p);
    if (ch === 0x5c) {
      // A trailing backslash escapes nothing: git gives up on the pattern.
      if (p + 1 >= pattern.length) return null;
      steps.push({ kind: 'byte', set: single(pattern.charCodeAt(++p)) });
    } else if (ch === 0x3f) {
      steps.push({ kind: 'byte', set: NOT_SLASH });
    } else if (ch === 0x2a) {
      const first = p;
      while (pattern.charCodeAt(p + 1) === 0x2a) p++;
      const double = p > first;
      const atStart = first === 0 || pattern.charCodeAt(first - 1) === SLASH;
      const next = pattern.charCodeAt(p + 1);
      if (double && atStart && next === SLASH) {
        steps.push({ kind: 'dirs' });
        p++;
      } else {
        const endsOrSlash = p + 1 >= pattern.length || (next === 0x5c && pattern.charCodeAt(p + 2) === SLASH);
        steps.push({ kind: 'star', slash: double && atStart && endsOrSlash });
      }
    } else if (ch === 0x5b) {
      const parsed = classAt(pattern, p);
      if (parsed === null) return null;
      steps.push({ kind: 'byte', set: parsed.set });
      p = parsed.end;
    } else {
      steps.push({ kind: 'byte', set: single(ch) });
    }
  }
  return steps;
}

/** A state reached from the step before it (or at the start): a `**` and slash there may still match no directory. */
const ENTERED = 1;
/** A state inside a `**` and slash, after a byte of its own: only a slash leaves it. */
const INSIDE = 2;

/** Scratch for matchGlob, grown as needed: matching allocates nothing per call. */
let flagsNow = new Uint8Array(64);
let flagsNext = new Uint8Array(64);
let listNow = new Int32Array(64);
let listNext = new Int32Array(64);

/**
 * Whether `text` from `from` on matches the compiled pattern whole. Only the live states are visited for each
 * byte, so a long pattern that dies early costs what it reads.
 */
export function matchGlob(glob: CompiledGlob, text: string, from = 0): boolean {
  if (glob === null) return false;
  const m = glob.length;
  if (flagsNow.length <= m) {
    flagsNow = new Uint8Array(2 * (m + 1));
    flagsNext = new Uint8Array(2 * (m + 1));
    listNow = new Int32Array(2 * (m + 1));
    listNext = new Int32Array(2 * (m + 1));
  }
  let flags = flagsNow;
  let list = listNow;
  let count = enter(glob, flags, list, 0, 0, ENTERED);
  for (let t = from; t < text.length && count > 0; t++) {
    const c = text.charCodeAt(t);
    let nextCount = 0;
    for (let k = 0; k < count; k++) {
      const i = list[k]!;
      flags[i] = 0;
      if (i === m) continue;
      const step = glob[i]!;
      if (step.kind === 'byte') {
        if (step.set[c] === 1) nextCount = enter(glob, flagsNext, listNext, nextCount, i + 1, ENTERED);
      } else if (step.kind === 'star') {
        if (step.slash || c !== SLASH) nextCount = enter(glob, flagsNext, listNext, nextCount, i, ENTERED);
      } else {
        nextCount = enter(glob, flagsNext, listNext, nextCount, i, INSIDE);
        if (c === SLASH) nextCount = enter(glob, flagsNext, listNext, nextCount, i + 1, ENTERED);
      }
    }
    [flags, flagsNext] = [flagsNext, flags];
    [list, listNext] = [listNext, list];
    count = nextCount;
  }
  const matched = flags[m] !== 0;
  for (let k = 0; k < count; k++) flags[list[k]!] = 0;
  flagsNow = flags;
  listNow = list;
  return matched;
}

/**
 * Marks state `s` live (with `flag`) and, without reading a byte, what follows from it: past a star (it may
 * match nothing) and past a `**` and slash just entered (no directory). Returns the new count of live states.
 */
function enter(glob: readonly Step[], flags: Uint8Array, list: Int32Array, count: number, s: number, flag: number): number {
  let state = s;
  let f = flag;
  let n = count;
  for (;;) {
    const had = flags[state]!;
    if ((had | f) === had) return n;
    if (had === 0) list[n++] = state;
    flags[state] = had | f;
    const step = glob[state];
    if (step === undefined || step.kind === 'byte' || (step.kind === 'dirs' && (f & ENTERED) === 0)) return n;
    state++;
    f = ENTERED;
  }
}

const isAlpha = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
/** git's character classes (git-compat-util.h, sane_ctype): ASCII only, and git's isspace has no \v or \f. */
const POSIX = new Map<string, (c: number) => boolean>([
  ['alnum', (c) => isAlpha(c) || isDigit(c)],
  ['alpha', isAlpha],
  ['blank', (c) => c === 0x20 || c === 0x09],
  ['cntrl', (c) => c < 0x20 || c === 0x7f],
  ['digit', isDigit],
  ['graph', (c) => c > 0x20 && c < 0x7f],
  ['lower', (c) => c >= 0x61 && c <= 0x7a],
  ['print', (c) => c >= 0x20 && c < 0x7f],
  ['punct', (c) => c > 0x20 && c < 0x7f && !isAlpha(c) && !isDigit(c)],
  ['space', (c) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d],
  ['upper', (c) => c >= 0x41 && c <= 0x5a],
  ['xdigit', (c) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)],
]);

/**
 * The class that opens at `open`, read as git's wildmatch reads it: the first member may be `]`, `-` makes a
 * range only between two members, a reversed range holds nothing, and a class never matches `/`. Null when
 * git would give up.
 */
function classAt(pattern: string, open: number): { set: Uint8Array; end: number } | null {
  const members = new Uint8Array(256);
  let p = open + 1;
  let negated = false;
  if (pattern[p] === '!' || pattern[p] === '^') {
    negated = true;
    p++;
  }
  let previous = -1;
  // Where the next `]` is, found once: looked for again at each `[:`, a line of `[:[:[:…` took quadratic time.
  let nextClose = -1;
  for (let first = true; first || pattern[p] !== ']'; first = false, p++) {
    if (p >= pattern.length) return null;
    let ch = pattern.charCodeAt(p);
    if (ch === 0x5c) {
      if (++p >= pattern.length) return null;
      ch = pattern.charCodeAt(p);
      members[ch] = 1;
      previous = ch;
    } else if (ch === 0x2d && previous !== -1 && p + 1 < pattern.length && pattern[p + 1] !== ']') {
      let end = pattern.charCodeAt(++p);
      if (end === 0x5c) {
        if (++p >= pattern.length) return null;
        end = pattern.charCodeAt(p);
      }
      for (let c = previous; c <= end; c++) members[c] = 1;
      previous = -1;
    } else if (ch === 0x5b && pattern[p + 1] === ':') {
      if (nextClose < p + 2) nextClose = pattern.indexOf(']', p + 2);
      const close = nextClose;
      if (close === -1) return null;
      if (close - 1 < p + 2 || pattern[close - 1] !== ':') {
        // No ":]": an ordinary `[`.
        members[ch] = 1;
        previous = ch;
        continue;
      }
      const test = POSIX.get(pattern.slice(p + 2, close - 1));
      if (!test) return null;
      for (let c = 0; c < 256; c++) if (test(c)) members[c] = 1;
      p = close;
      previous = -1;
    } else {
      members[ch] = 1;
      previous = ch;
    }
  }
  const set = new Uint8Array(256);
  for (let c = 0; c < 256; c++) set[c] = c !== SLASH && members[c] !== (negated ? 1 : 0) ? 1 : 0;
  return { set, end: p };
}
