import type { Source } from '../sources/source-events.js';

/**
 * On the hook path nothing may pass unread: a blob skipped for its size becomes a named problem, which
 * blocks the push or commit (unless the team opted into KEYSWEEP_FAIL_OPEN=1).
 */
export async function* skipsAsProblems(source: Source, limit: number): Source {
  for await (const event of source) {
    if (event.kind === 'skip' && event.reason === 'too-large') {
      yield { kind: 'problem', problem: { path: event.path, code: 'TOO_LARGE', reason: `larger than the hooks' hard limit of ${limit} bytes: not scanned` } };
    } else {
      yield event;
    }
  }
}
