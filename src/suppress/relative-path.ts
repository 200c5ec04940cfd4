/** A location's path relative to an ignore file's root, or null when it is not under that root. */
export function relativeTo(path: string, root: string): string | null {
  if (root === '' || root === '.') return path.replace(/^\.\//, '');
  const prefix = root.endsWith('/') ? root : `${root}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : null;
}
