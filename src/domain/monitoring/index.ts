/** Continuous monitoring: the check model, the built-in rules and how a test stands on a check (DESIGN §8). */
export * from './model.js';
export * from './days.js';
export * from './tally.js';
export * from './builtin.js';
export * from './row-index.js';
export * from './catalogue.js';
export { ALERT_SEVERITIES, DEFAULT_SLA_DAYS } from './vulnerability-sla.js';
export * from './examination.js';
export * from './schedule.js';
