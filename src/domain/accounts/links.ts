/**
 * One-time links (an invitation, a password reset) carry their secret in the fragment (`#…`): a browser never
 * sends the fragment to a server, so the secret stays out of request lines, proxy logs and Referer headers; the
 * page reads it and posts it in a request body.
 */

/** The web app's page that accepts an invitation. */
export const INVITATION_PAGE = '/invitation';
/** The web app's page that sets a new password from a reset link. */
export const PASSWORD_RESET_PAGE = '/reset-password';

/** `https://assay.example/invitation#<secret>` from the installation's address, a page and the secret. */
export function oneTimeLink(baseUrl: string, page: string, secret: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${page}#${secret}`;
}
