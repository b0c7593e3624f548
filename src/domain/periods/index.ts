/** Periods: opening the next one, comparing two, and the forecast after remediation (issue 5). */
export * from './compare.js';
export * from './carry-forward.js';
export * from './after-remediation.js';
