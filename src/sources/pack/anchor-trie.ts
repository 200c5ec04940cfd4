/**
 * The anchors a pack scan tracks, as a trie of their reversed bytes: a path from the root reads an object
 * backwards from an anchor's last byte (its pivot). Every anchor's last byte should be rare in ordinary
 * content, because every occurrence of a pivot byte is remembered for as long as a delta may copy it.
 */
export type AnchorTrie = {
  /** Node 0 is the root; each other node stands for the bytes read backwards from a pivot to reach it. */
  parent: Int16Array;
  depth: Uint8Array;
  /** A whole anchor ends at this node or above it on its path: an object holding it is a candidate. */
  complete: Uint8Array;
  /** 1 where no walk can go further: nothing to read before this node's bytes. */
  leaf: Uint8Array;
  /** `child[node * 256 + byte]`: the node one byte further back, or 0 for none. */
  child: Int16Array;
  /** The pivot bytes: the byte values with a child at the root. */
  pivots: number[];
  /** The longest anchor: how far back a walk may read. */
  maxDepth: number;
};

/** Builds the trie of `anchors` (each at least one byte; at most 32,767 nodes in all, far more than needed). */
export function buildAnchorTrie(anchors: readonly Uint8Array[]): AnchorTrie {
  const parent: number[] = [-1];
  const depth: number[] = [0];
  const complete: number[] = [0];
  const children: Array<Map<number, number>> = [new Map()];
  for (const anchor of anchors) {
    if (anchor.length === 0 || anchor.length > 255) throw new RangeError(`an anchor must have 1 to 255 bytes, not ${anchor.length}`);
    let node = 0;
    for (let k = anchor.length - 1; k >= 0; k--) {
      const byte = anchor[k]!;
      let next = children[node]!.get(byte);
      if (next === undefined) {
        next = parent.length;
        parent.push(node);
        depth.push(depth[node]! + 1);
        complete.push(0);
        children.push(new Map());
        children[node]!.set(byte, next);
      }
      node = next;
    }
    complete[node] = 1;
  }
  if (parent.length > 0x7fff) throw new RangeError('too many anchor bytes');
  // A node below a complete one is complete too: its path holds that whole anchor.
  for (let n = 1; n < parent.length; n++) if (complete[parent[n]!] === 1) complete[n] = 1;
  const child = new Int16Array(parent.length * 256);
  children.forEach((map, node) => map.forEach((next, byte) => (child[node * 256 + byte] = next)));
  return {
    parent: Int16Array.from(parent),
    depth: Uint8Array.from(depth),
    complete: Uint8Array.from(complete),
    leaf: Uint8Array.from(children, (map) => (map.size === 0 ? 1 : 0)),
    child,
    pivots: [...children[0]!.keys()].sort((a, b) => a - b),
    maxDepth: Math.max(0, ...depth),
  };
}

/** The node on `node`'s path at `depth`: the same walk, read back only `depth` bytes (a copy cut it short). */
export function ancestor(trie: AnchorTrie, node: number, depth: number): number {
  let n = node;
  while (trie.depth[n]! > depth) n = trie.parent[n]!;
  return n;
}
