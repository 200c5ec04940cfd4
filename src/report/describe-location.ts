import { introducedBy, shownPath } from '../core/location-facts.js';
import type { Location } from '../core/types.js';
import { printable } from './printable.js';

/**
 * `path:line:column`, `path @ byte N` for binary content, `(stdin):line:column`, and a path whose name is
 * the key (shown redacted); for history the commit that
 * introduced the key there (short id, author, date, subject), or "unreachable".
 */
export function describeLocation(location: Location): string {
  const path = shownPath(location);
  const where = path !== null ? printable(path) : location.source === 'stdin' ? '(stdin)' : `blob ${location.blobId.slice(0, 12)}`;
  const position = location.inName ? ' (the key is this name)' : location.line === null ? ` @ byte ${location.offset}` : `:${location.line}:${location.column}`;
  return `${where}${position}${historyPart(location)}`;
}

function historyPart(location: Location): string {
  if (location.source !== 'git') return '';
  const head = location.inHead ? ' [still in HEAD]' : ' [not in HEAD]';
  if (location.objectType === 'blob' && location.unreachable) return ` (unreachable: no commit names it)${head}`;
  const intro = introducedBy(location);
  if (!intro) return head;
  const date = intro.date ? ` ${printable(intro.date.slice(0, 10))}` : '';
  const who = intro.author ? ` ${printable(intro.author)}${intro.email ? ` <${printable(intro.email)}>` : ''}` : '';
  const subject = intro.message ? ` "${printable(intro.message.length > 60 ? `${intro.message.slice(0, 57)}...` : intro.message)}"` : '';
  return `\n      introduced in ${intro.commit.slice(0, 12)}${date}${who}${subject}${head}`;
}
