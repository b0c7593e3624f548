/**
 * The contract between the server and the web: every route's zod schemas (bodies, params, queries, responses),
 * the limits they enforce and the problem shape of an error. It imports only zod and the domain, so the web
 * can infer its types from it (`z.infer`) without reaching into the server.
 */
export * from './limits.js';
export * from './fields.js';
export * from './paging.js';
export * from './problem.js';
export * from './organizations.js';
export * from './auth.js';
export * from './members.js';
export * from './invitations.js';
export * from './tokens.js';
export * from './engagements.js';
export * from './engagement-record.js';
export * from './controls.js';
export * from './audit.js';
export * from './examination.js';
export * from './changes.js';
export * from './periods.js';
export * from './findings.js';
export * from './remediation.js';
export * from './reports.js';
export * from './package.js';
export * from './oscal.js';
export * from './starter.js';
export * from './not-applicable.js';
export * from './checks.js';
export * from './evidence.js';
export * from './coverage.js';
export * from './trust.js';
export * from './description.js';
export * from './risks.js';
export * from './vendors.js';
