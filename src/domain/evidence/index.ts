export * from './records.js';
export * from './requests.js';
