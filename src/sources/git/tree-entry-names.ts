/** An entry of a raw tree object: its name's bytes, where the name starts in the tree, and the id it points at. */
export type TreeEntryName = { name: Buffer; offset: number; id: string };

const SPACE = 0x20;

/**
 * The entries of a raw tree object (`<mode> <name>\0<id bytes>` repeated) whose names hold `marker`. Only
 * called for trees that hold it somewhere; a malformed tree yields what it could parse and no more.
 */
export function treeEntryNames(tree: Buffer, idBytes: number, marker: Buffer): TreeEntryName[] {
  const out: TreeEntryName[] = [];
  let at = 0;
  while (at < tree.length) {
    const space = tree.indexOf(SPACE, at);
    if (space === -1) break;
    const nul = tree.indexOf(0, space + 1);
    if (nul === -1 || nul + 1 + idBytes > tree.length) break;
    const name = tree.subarray(space + 1, nul);
    if (name.includes(marker)) out.push({ name, offset: space + 1, id: tree.toString('hex', nul + 1, nul + 1 + idBytes) });
    at = nul + 1 + idBytes;
  }
  return out;
}
