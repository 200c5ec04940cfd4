import type { Location } from '../core/types.js';
import { printable } from './printable.js';

/**
 * `path:line:column`, `path @ byte N` for binary content, `(stdin):line:column`; for history the commit that
 * introduced the key there (short id, author, date, subject), or "unreachable".
 */
export function describeLocation(location: Location): string {
  const where = location.path !== null ? printable(location.path) : location.source === 'stdin' ? '(stdin)' : `blob ${location.blobId.slice(0, 12)}`;
  const position = location.line === null ? ` @ byte ${location.offset}` : `:${location.line}:${location.column}`;
  return `${where}${position}${historyPart(location)}`;
}

function historyPart(location: Location): string {
  if (location.source !== 'git') return '';
  const head = location.inHead === undefined ? '' : location.inHead ? ' [still in HEAD]' : ' [not in HEAD]';
  if (location.unreachable) return ` (unreachable: no commit names it)${head}`;
  if (!location.commit) return head;
  const date = location.date ? ` ${printable(location.date.slice(0, 10))}` : '';
  const who = location.author ? ` ${printable(location.author)}${location.email ? ` <${printable(location.email)}>` : ''}` : '';
  const subject = location.message ? ` "${printable(location.message.length > 60 ? `${location.message.slice(0, 57)}...` : location.message)}"` : '';
  return `\n      introduced in ${location.commit.slice(0, 12)}${date}${who}${subject}${head}`;
}
