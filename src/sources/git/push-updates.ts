/** One line of pre-push input: what a push will change on the remote. */
export type PushUpdate = { localRef: string; localSha: string; remoteRef: string; remoteSha: string };

const ZERO = /^0+$/;
/** The sha git writes for a ref that does not exist (a new ref on the remote, a deletion locally). */
export const ZERO_SHA = '0'.repeat(40);
const LINE = /^(\S+) ([0-9a-f]{40,64}) (\S+) ([0-9a-f]{40,64})$/;

/** Parses git's pre-push standard input (`<local ref> <local sha> <remote ref> <remote sha>` per line). */
export function parsePushUpdates(input: string): PushUpdate[] {
  const updates: PushUpdate[] = [];
  for (const raw of input.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const m = LINE.exec(line);
    if (!m) throw new Error(`unexpected pre-push input line: ${line.slice(0, 200)}`);
    updates.push({ localRef: m[1]!, localSha: m[2]!, remoteRef: m[3]!, remoteSha: m[4]! });
  }
  return updates;
}

export const isDeletion = (u: PushUpdate) => ZERO.test(u.localSha);
export const isNewRef = (u: PushUpdate) => ZERO.test(u.remoteSha);
