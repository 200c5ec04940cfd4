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

/**
 * Lines and columns in UTF-16 text (a file that counts as binary for its NUL bytes): newlines are U+000A
 * code units, columns are code units from the line's start. An offset inside a unit counts from its start.
 */
export function locateUtf16(bytes: Buffer, offsets: number[], order: 'utf16le' | 'utf16be'): Position[] {
  const sorted = offsets.map((offset, index) => ({ offset, index })).sort((a, b) => a.offset - b.offset);
  const out: Position[] = new Array(offsets.length);
  const [low, high] = order === 'utf16le' ? [0, 1] : [1, 0];
  // A byte-order mark is not a character of the first line.
  const first = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) ? 2 : 0;
  let line = 1;
  let lineStart = first;
  let unit = first;
  for (const { offset, index } of sorted) {
    for (; unit + 1 < offset; unit += 2) {
      if (bytes[unit + low] === NEWLINE && bytes[unit + high] === 0) {
        line++;
        lineStart = unit + 2;
      }
    }
    out[index] = { line, column: Math.floor((Math.max(offset, lineStart) - lineStart) / 2) + 1 };
  }
  return out;
}
