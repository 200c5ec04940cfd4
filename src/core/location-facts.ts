import type { Introduction, Location } from './types.js';

/** The commit that introduced the key at this location, when history attribution found one. */
export function introducedBy(location: Location): Introduction | null {
  return location.source === 'git' && location.objectType !== 'tag' ? location.introduced : null;
}

/** The path to show: the file's path, "(commit message)" / "(tag message)" for messages, or null (stdin, a blob no commit names). */
export function shownPath(location: Location): string | null {
  if (location.source === 'git' && location.objectType === 'commit') return '(commit message)';
  if (location.source === 'git' && location.objectType === 'tag') return '(tag message)';
  return location.path;
}

/** The repository a git location belongs to. */
export function repoOf(location: Location): string | null {
  return location.source === 'git' || location.source === 'git-object' ? location.repo : null;
}
