/** Size limits the server enforces and the web app's forms check before sending: one place for both. */

/** Names: engagements, controls' ids, members, API tokens. */
export const MAX_NAME_LENGTH = 200;
/** Free text: titles, reasons, notes, misstatements. */
export const MAX_TEXT_LENGTH = 2000;
/** Lists inside one object: criteria of a control, not-applicable criteria, misstatements. */
export const MAX_LIST_LENGTH = 100;
/** Rows in one page of a list (the API's `limit`); a page that shows everything asks for this many at a time. */
export const MAX_PAGE_SIZE = 1000;
/** Findings imported from one OSCAL document (a POA&M's items, assessment results' risks and findings). */
export const MAX_IMPORTED_FINDINGS = 10_000;
/**
 * An OSCAL document sent to the API for import (the one route above the API's 1 MB): a large engagement's
 * POA&M, its observations one per deviation, with room above 16 MB.
 */
export const MAX_OSCAL_DOCUMENT_BYTES = 20 * 1024 * 1024;
/** Passwords: long enough to resist guessing, short enough to hash quickly. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;
/** A control's owner: any text this long at most (an email address is at most 320 characters). */
export const MAX_OWNER_LENGTH = 320;
