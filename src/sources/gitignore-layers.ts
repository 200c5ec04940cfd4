import ignore, { type Ignore } from 'ignore';

type Layer = { base: string; matcher: Ignore };

/** The .gitignore files that apply to one directory of a walk, outermost first. Immutable: each directory extends its parent's. */
export type GitignoreLayers = readonly Layer[];

export const NO_GITIGNORE: GitignoreLayers = [];

/** Adds the rules of a .gitignore found in `base` (posix, relative to the walk root; '' for the root). */
export function withGitignore(layers: GitignoreLayers, base: string, content: string): GitignoreLayers {
  return [...layers, { base, matcher: ignore({ allowRelativePaths: true }).add(content) }];
}

/**
 * Git's semantics across nested files: the deepest file with an opinion on a path decides, so a nested
 * `!pattern` re-includes what a parent excluded. Directories are tested with a trailing slash, so `build/`
 * patterns apply to them only.
 */
export function isGitignored(layers: GitignoreLayers, path: string, isDirectory: boolean): boolean {
  for (let i = layers.length - 1; i >= 0; i--) {
    const { base, matcher } = layers[i]!;
    const relative = base === '' ? path : path.slice(base.length + 1);
    const verdict = matcher.test(isDirectory ? `${relative}/` : relative);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}
