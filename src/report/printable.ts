/**
 * Text from a scanned repository (file names, commit subjects, author names) made safe for a terminal:
 * control characters (C0, DEL, C1) are shown escaped, so a hostile name cannot move the cursor, rewrite
 * earlier lines or send escape sequences to the terminal.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
