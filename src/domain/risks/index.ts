/** The risk register: inherent and residual risk, treatments, acceptances and reviews. */
export * from './model.js';
export * from './residual.js';
export * from './review.js';
export * from './register.js';
