/** The corrective action plan of an engagement: due dates, reminders and the burndown. */
export * from './plan.js';
export * from './actions.js';
export * from './burndown.js';
export * from './reminder.js';
export * from './view.js';
