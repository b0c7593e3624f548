/** Size limits the server enforces and the web app's forms check before sending: one place for both. */

/** Names: engagements, controls' ids, members, API tokens. */
export const MAX_NAME_LENGTH = 200;
/** An organisation's short name, in addresses and commands (`acme-cloud`). */
export const MAX_SLUG_LENGTH = 63;
/** An id in an address: an engagement's, a finding's code (a longer one names nothing). */
export const MAX_ID_LENGTH = 200;
/** Ids written by people: a control's, a finding's, a root cause's or a corrective action's code. */
export const MAX_CONTROL_ID_LENGTH = 100;
/** A criterion's id (CC6.1, PI1.5). */
export const MAX_CRITERION_ID_LENGTH = 16;
/** An e-mail address (RFC 5321's path limit). */
export const MAX_EMAIL_LENGTH = 320;
/** A control's or an action's owner: any text this long at most, so an e-mail address fits. */
export const MAX_OWNER_LENGTH = MAX_EMAIL_LENGTH;
/** A population item's id, as the organisation's system names it. */
export const MAX_SAMPLE_ITEM_LENGTH = 200;
/** Samples in one request; a larger test comes in through `assay import`. */
export const MAX_SAMPLES_PER_REQUEST = 10_000;
export const MAX_POPULATION_SIZE = 100_000_000;
/** An audit event's subject in a filter (`<kind>:<id>`). */
export const MAX_AUDIT_SUBJECT_LENGTH = 300;
/** Free text: titles, reasons, notes, misstatements. */
export const MAX_TEXT_LENGTH = 2000;
/** Lists inside one object: criteria of a control, not-applicable criteria, misstatements. */
export const MAX_LIST_LENGTH = 100;
/** The most series a pervasiveness threshold may ask for (there are fewer in the catalogue). */
export const MAX_PERVASIVE_SERIES = 30;
/** Rows in one page of a list (the API's `limit`); a page that shows everything asks for this many at a time. */
export const MAX_PAGE_SIZE = 1000;
/** Rows in one page when the caller does not say. */
export const DEFAULT_PAGE_SIZE = 50;
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
/** A workspace folder uploaded as a zip: the upload itself, what it unpacks to, and its files. */
export const MAX_WORKSPACE_ZIP_BYTES = 20 * 1024 * 1024;
export const MAX_WORKSPACE_UNZIPPED_BYTES = 100 * 1024 * 1024;
export const MAX_WORKSPACE_ZIP_ENTRIES = 5000;
/** One evidence file, when `ASSAY_EVIDENCE_MAX_BYTES` does not say (413 above, nothing stored). */
export const DEFAULT_MAX_EVIDENCE_BYTES = 50 * 1024 * 1024;
/** Files in one evidence upload. */
export const MAX_EVIDENCE_FILES_PER_UPLOAD = 20;
/** An evidence file's name (most file systems' limit). */
export const MAX_EVIDENCE_FILE_NAME_LENGTH = 255;
/** A media type (RFC 6838 allows 127 characters on each side of the slash). */
export const MAX_MEDIA_TYPE_LENGTH = 255;
/**
 * The auditor's package (one zip of the workpapers, the examination and the evidence): its files and the bytes they
 * hold together, below the 4 GiB a zip without ZIP64 can address; `assay verify --package` reads no more than these,
 * and its manifest no more than its own limit.
 */
export const MAX_PACKAGE_FILES = 10_000;
export const MAX_PACKAGE_BYTES = 2 * 1024 * 1024 * 1024;
export const MAX_PACKAGE_MANIFEST_BYTES = 16 * 1024 * 1024;
/** Auditor's packages one client address may have made in a minute (each renders the workpapers and reads all the evidence). */
export const MAX_PACKAGES_PER_MINUTE = 10;
/** Documents one client address may ask to have generated in a minute (each loads the engagement and renders it). */
export const MAX_REPORT_JOBS_PER_MINUTE = 20;
/** The trust page's NDA text: a few pages of terms. */
export const MAX_NDA_TEXT_LENGTH = 50_000;
/** Subprocessors listed on the trust page. */
export const MAX_SUBPROCESSORS = 100;
/** A section of the system description written as prose (the services, a component of the system). */
export const MAX_DESCRIPTION_SECTION_LENGTH = 20_000;
