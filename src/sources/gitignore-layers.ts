import { type IgnoreRule, parseGitignore } from './gitignore-pattern.js';
import { type CompiledGlob, matchGlob } from './wildmatch.js';

/**
 * One .gitignore's rules, grouped the way they are cheapest to ask: names compared whole and `*literal`
 * endings are looked up (most lines of a real .gitignore: `*.o`, `Makefile`), only the rest run through wildmatch. Each
 * group keeps rule numbers ascending, so the last rule that matches, the one git obeys, is found first.
 */
type Layer = {
  base: string;
  rules: IgnoreRule[];
  byExactName: Map<string, number[]>;
  bySuffix: Map<string, number[]>;
  suffixLengths: number[];
  /** Rule numbers of wildmatch rules, ascending. */
  others: number[];
};

/** The .gitignore files that apply to one directory of a walk, outermost first. Immutable: each directory extends its parent's. */
export type GitignoreLayers = readonly Layer[];

export const NO_GITIGNORE: GitignoreLayers = [];

/**
 * Adds the rules of a .gitignore found in `base` (relative to the walk root, as bytes one character each, like
 * every path given here; '' for the root); `content`
 * is its bytes. A file over gitignore-pattern.ts's limits adds nothing: the scan errs towards scanning more.
 */
export function withGitignore(layers: GitignoreLayers, base: string, content: Buffer): GitignoreLayers {
  const rules = parseGitignore(content.toString('latin1'));
  if (rules === null) return layers;
  const layer: Layer = { base, rules, byExactName: new Map(), bySuffix: new Map(), suffixLengths: [], others: [] };
  rules.forEach((rule, n) => {
    if (rule.kind === 'glob') layer.others.push(n);
    else push(rule.kind === 'exact' ? layer.byExactName : layer.bySuffix, rule.text, n);
  });
  layer.suffixLengths = [...new Set([...layer.bySuffix.keys()].map((s) => s.length))];
  return [...layers, layer];
}

function push(map: Map<string, number[]>, key: string, n: number): void {
  const list = map.get(key);
  if (list) list.push(n);
  else map.set(key, [n]);
}

/**
 * git's semantics across nested files: the deepest file with a rule matching the path decides, and within
 * a file the last matching rule, so a nested `!pattern` re-includes what a parent excluded. Only the path
 * itself is matched: the walk does not enter an excluded directory, which is how git excludes its contents.
 */
export function isGitignored(layers: GitignoreLayers, bytes: string, isDirectory: boolean): boolean {
  if (layers.length === 0) return false;
  const name = bytes.slice(bytes.lastIndexOf('/') + 1);
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i]!;
    const relative = layer.base === '' ? bytes : bytes.slice(layer.base.length + 1);
    const rule = lastMatch(layer, name, relative, isDirectory);
    if (rule !== null) return !rule.negative;
  }
  return false;
}

function lastMatch(layer: Layer, name: string, relative: string, isDirectory: boolean): IgnoreRule | null {
  const { rules } = layer;
  const applies = (n: number) => isDirectory || !rules[n]!.dirOnly;
  let best = lastApplying(layer.byExactName.get(name), -1, applies);
  for (const length of layer.suffixLengths) {
    if (length <= name.length) best = lastApplying(layer.bySuffix.get(name.slice(name.length - length)), best, applies);
  }
  for (let k = layer.others.length - 1; k >= 0; k--) {
    const n = layer.others[k]!;
    if (n <= best) break;
    const rule = rules[n]!;
    if (rule.kind === 'glob' && applies(n) && globMatches(rule, rule.byName ? name : relative)) return rule;
  }
  return best === -1 ? null : rules[best]!;
}

function globMatches(rule: { prefix: string; glob: CompiledGlob }, text: string): boolean {
  return text.startsWith(rule.prefix) && matchGlob(rule.glob, text, rule.prefix.length);
}

/** The highest rule number in `list` (ascending) above `best` that applies, else `best`. */
function lastApplying(list: number[] | undefined, best: number, applies: (n: number) => boolean): number {
  if (!list) return best;
  for (let k = list.length - 1; k >= 0 && list[k]! > best; k--) if (applies(list[k]!)) return list[k]!;
  return best;
}
