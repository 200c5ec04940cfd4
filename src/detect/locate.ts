export type Position = { line: number; column: number };

const NEWLINE = 0x0a;

/**
 * 1-based line and column (UTF-16 code units, as editors and SARIF count) for ascending byte offsets.
 * Incremental, so many matches on one multi-megabyte minified line decode each byte at most once.
 */
export function locate(bytes: Buffer, offsets: number[]): Position[] {
  const order = offsets.map((offset, index) => ({ offset, index })).sort((a, b) => a.offset - b.offset);
  const out: Position[] = new Array(offsets.length);
  let line = 1;
  let lineStart = 0;
  let nextNewline = bytes.indexOf(NEWLINE); // first newline not yet counted, -1 when none is left
  let columnAt = 0; // byte offset up to which `column` was measured on the current line
  let column = 0; // UTF-16 units between lineStart and columnAt
  for (const { offset, index } of order) {
    while (nextNewline !== -1 && nextNewline < offset) {
      line++;
      lineStart = nextNewline + 1;
      nextNewline = bytes.indexOf(NEWLINE, lineStart);
    }
    if (columnAt < lineStart) {
      columnAt = lineStart;
      column = 0;
    }
    column += bytes.toString('utf8', columnAt, offset).length;
    columnAt = offset;
    out[index] = { line, column: column + 1 };
  }
  return out;
}
