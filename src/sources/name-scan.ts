/**
 * How a source treats names that may hold a key (a file or directory named after one leaks it as surely as
 * its content): names holding `marker` are scanned too. Reports redact keys in every path they print.
 */
export type NameScan = { marker: string };
