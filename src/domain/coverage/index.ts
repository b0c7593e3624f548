/** Period coverage: the occurrences a periodic control owes over the period, and which evidence covers. */
export * from './occurrences.js';
export * from './coverage.js';
export * from './examination.js';
