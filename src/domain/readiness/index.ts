export * from './actions.js';
export * from './series.js';
