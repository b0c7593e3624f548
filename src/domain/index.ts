/** The public face of the domain: what the other layers may import. */
export * from './errors.js';
export { words } from './format.js';
export * from './engagement.js';
export * from './dates.js';
export * from './criteria/catalogue.js';
export * from './sampling/binomial.js';
export * from './sampling/deviation-bound.js';
export * from './sampling/frequency.js';
export * from './sampling/selection.js';
export * from './evaluation/result.js';
export * from './evaluation/examine.js';
export * from './evaluation/opinion.js';
export * from './evaluation/history.js';
export * from './access/permissions.js';
export * from './findings/index.js';
export * from './periods/index.js';
export * from './remediation/index.js';
export * from './archiving.js';
