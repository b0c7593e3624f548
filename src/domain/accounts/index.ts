/** Accounts: invitations, one-time links, session lifetimes and sign-in throttling. */
export * from './invitation.js';
export * from './lifetimes.js';
export * from './links.js';
export * from './throttle.js';
