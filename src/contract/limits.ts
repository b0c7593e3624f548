/** The limits the API enforces, for the web's forms to check before sending: the domain's, through the contract. */
export * from '../domain/limits.js';
