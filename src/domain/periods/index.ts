/** Periods: opening the next one, comparing two, and the forecast after remediation. */
export * from './compare.js';
export * from './carry-forward.js';
export * from './after-remediation.js';
