/** The system description (DC1–DC9): its model, its completeness checks and the misstatements they amount to. */
export * from './model.js';
export * from './checks.js';
export * from './examination.js';
export * from './validation.js';
