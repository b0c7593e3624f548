/** Vendors: inventory, reviews, their SOC 2 reports and the risks those raise. */
export * from './model.js';
export * from './report-risks.js';
