/** Git's own heuristic: a NUL byte in the first 8000 bytes means binary. */
export function isBinary(bytes: Buffer): boolean {
  const end = Math.min(bytes.length, 8000);
  return bytes.subarray(0, end).indexOf(0) !== -1;
}
