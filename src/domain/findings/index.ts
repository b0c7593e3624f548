/** Findings, root causes, corrective actions and retests: the model and its rules. */
export * from './model.js';
export * from './closure.js';
export * from './lifecycle.js';
export * from './events.js';
export * from './derive.js';
export * from './systemic.js';
export * from './authoring.js';
export * from './management-response.js';
export * from './action-rules.js';
export * from './steps-taken.js';
export * from './monitoring.js';
export * from './over-time.js';
