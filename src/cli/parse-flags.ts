import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from '../core/errors.js';

/** node:util parseArgs in strict mode, with its complaints turned into usage errors (exit 2). */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
}
