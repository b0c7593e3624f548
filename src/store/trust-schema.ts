/** The trust page's tables (migration 2026120620_trust_page), in the conventions of schema.ts. */
import type { JsonText, Timestamp, Version } from './schema.js';

export interface TrustPagesTable {
  organization_id: string;
  /** The published `TrustSnapshot` as JSON; null while nothing is published. */
  snapshot: JsonText | null;
  published_at: Timestamp | null;
  published_by: string | null;
  /** The report the snapshot offers behind the request form (trust_reports.id), or null. */
  report_id: string | null;
  version: Version;
}

export interface TrustReportsTable {
  id: string;
  organization_id: string;
  engagement_id: string;
  /** The PDF's SHA-256: its bytes are in the evidence blob store. */
  sha256: string;
  file_name: string;
  size: number;
  uploaded_at: Timestamp;
  uploaded_by: string;
}

export interface TrustNdasTable {
  organization_id: string;
  version: number;
  text: string;
  sha256: string;
  created_at: Timestamp;
  created_by: string;
}

export interface TrustRequestsTable {
  id: string;
  organization_id: string;
  name: string;
  company: string;
  /** Trimmed and lower-cased. */
  email: string;
  status: string;
  requested_at: Timestamp;
  decided_at: Timestamp | null;
  decided_by: string | null;
  /** SHA-256 (hex) of the download link's secret; the secret is mailed (or shown to the admin) once. */
  token_hash: string | null;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  version: Version;
}

export interface TrustNdaAcceptancesTable {
  id: string;
  request_id: string;
  nda_version: number;
  nda_sha256: string;
  accepted_at: Timestamp;
  /** The requester's address (the socket's, or a trusted proxy's forwarded one). */
  address: string;
}

export interface TrustDownloadsTable {
  id: string;
  request_id: string;
  report_id: string;
  downloaded_at: Timestamp;
  address: string;
}

export interface TrustSubscriptionsTable {
  id: string;
  organization_id: string;
  kind: string;
  /** The e-mail address (trimmed, lower-cased) or the webhook URL. */
  address: string;
  status: string;
  /**
   * SHA-256 (hex) of the subscription's own link secret (an e-mail's confirm link, a webhook's unsubscribe
   * secret); the secret itself is only sent.
   */
  token_hash: string;
  /** A webhook's signing secret, kept as it is because every POST is signed with it; null for an e-mail. */
  signing_secret: string | null;
  created_at: Timestamp;
  confirmed_at: Timestamp | null;
  unsubscribed_at: Timestamp | null;
}

/** The unsubscribe link each notification mailed, by the SHA-256 (hex) of its secret: every one keeps working. */
export interface TrustSubscriptionLinksTable {
  token_hash: string;
  subscription_id: string;
  created_at: Timestamp;
}
