export * from './records.js';
export * from './requests.js';
export * from './requests-csv.js';
