import type { Location } from '../core/types.js';

/** `path:line:column`, `path @ byte N` for binary content, `(stdin):line:column`, plus the commit for history. */
export function describeLocation(location: Location): string {
  const where = location.path ?? '(stdin)';
  const position = location.line === null ? ` @ byte ${location.offset}` : `:${location.line}:${location.column}`;
  const commit = location.commit ? ` in ${location.commit.slice(0, 12)}${location.author ? ` by ${location.author}` : ''}` : '';
  return `${where}${position}${commit}`;
}
