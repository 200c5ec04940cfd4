/**
 * Text from a scanned repository (file names, commit subjects, author names) made safe for a terminal:
 * control characters (C0, DEL, C1) are shown escaped, so a hostile name cannot move the cursor, rewrite
 * earlier lines or send escape sequences to the terminal; bidirectional overrides, isolates and marks are
 * escaped too, so a name cannot display in another order than it is stored (Trojan Source).
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]|[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}
