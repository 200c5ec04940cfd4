/** ANSI styling that collapses to plain text when colour is off (not a TTY, or NO_COLOR set). */
export type Style = {
  bold(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  green(text: string): string;
};

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string) => text;

export function textStyle(color: boolean): Style {
  if (!color) return { bold: plain, red: plain, yellow: plain, dim: plain, green: plain };
  return { bold: wrap(1, 22), red: wrap(31, 39), yellow: wrap(33, 39), dim: wrap(2, 22), green: wrap(32, 39) };
}
