import { defineConfig } from 'vitest/config';

/**
 * The tests `npm run mutate` runs against mutants: the ones that exercise the safety-critical modules in
 * this process. Tests that spawn the built CLI (dist/) or real git hooks cannot see a mutant in src/ and
 * would only add time.
 */
export default defineConfig({
  test: {
    include: [
      'test/verify/interpret.test.ts',
      'test/verify/endpoint-and-client.test.ts',
      'test/verify/verdicts.test.ts',
      'test/verify/cache-and-guards.test.ts',
      'test/verify/crafted-report.test.ts',
      'test/git/hardened-git.test.ts',
      'test/git/git-binary.test.ts',
      'test/git/object-stream-parser.test.ts',
      'test/git/missing-marks.test.ts',
      'test/git/history-lies.test.ts',
      'test/scan/plan-push.test.ts',
      'test/scan/plan-history.test.ts',
      'test/detect/redaction.test.ts',
      'test/suppress/suppress-units.test.ts',
      'test/suppress/suppression.test.ts',
      'test/report/escaping.test.ts',
      'test/suppress/decisions.test.ts',
      'test/sweep/github-app-token.test.ts',
      'test/pack/inflate-small.test.ts',
      'test/detect/history-anchors.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
