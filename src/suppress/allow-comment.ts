const ALLOW = Buffer.from('keysweep:allow');
const NEWLINE = 0x0a;
/** How far from the key the comment is looked for: the same line, within reason on minified files. */
const WINDOW = 4096;

/** True when the line holding the key (bounded around it) carries a `keysweep:allow` comment. */
export function hasAllowComment(bytes: Buffer, offset: number, length: number): boolean {
  const floor = Math.max(0, offset - WINDOW);
  const ceiling = Math.min(bytes.length, offset + length + WINDOW);
  const before = bytes.subarray(floor, offset).lastIndexOf(NEWLINE);
  // Stryker disable next-line ConditionalExpression,ArithmeticOperator,UnaryOperator: equivalent (moving the start by the newline and one character cannot complete a comment across a newline)
  const start = before === -1 ? floor : floor + before + 1;
  const after = bytes.subarray(offset + length, ceiling).indexOf(NEWLINE);
  const end = after === -1 ? ceiling : offset + length + after;
  return bytes.subarray(start, end).indexOf(ALLOW) !== -1;
}
