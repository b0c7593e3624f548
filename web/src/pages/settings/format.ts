/** Dates for the settings page's tables, in the app's one format. */
export { formatDateTime as formatInstant } from '../../dates.js';
