/** Where a use case runs: the directory relative paths start from, and the environment (for git and the verifier). */
export type RunContext = { cwd: string; env: Record<string, string | undefined> };
