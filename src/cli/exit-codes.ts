/** 0: nothing found. 1: findings (after suppression). 2: usage or runtime error, including "nothing was scanned". */
export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;
/** `keysweep sweep`, `report --store` and `merge` only: some repositories failed or were incomplete, and nothing was found. */
export const EXIT_REPOSITORIES_FAILED = 3;
