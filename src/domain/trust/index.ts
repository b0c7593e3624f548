/**
 * The trust page: what an organisation shows the public, and how its SOC 2 report is shared. Nothing is shown
 * but the snapshot an admin publishes; the report is behind a request, a click-wrap NDA and a link that expires.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.js';
import type { Category } from '../criteria/catalogue.js';
import { seriesOf } from '../criteria/catalogue.js';
import type { CriterionStatus } from '../evaluation/result.js';
import type { ReportType } from '../engagement.js';

/** A request for the report: waiting for the admin, approved (a link issued), rejected, or its link revoked. */
export const TRUST_REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'revoked'] as const;
export type TrustRequestStatus = (typeof TRUST_REQUEST_STATUSES)[number];

/** The status a control area (a criteria series) is published with: the engine's forecast, worst criterion first. */
export const CONTROL_AREA_STATUSES = ['met', 'met_with_exceptions', 'unable_to_conclude', 'not_met'] as const;
export type ControlAreaStatus = (typeof CONTROL_AREA_STATUSES)[number];

const DAY_MS = 86_400_000;
/** How long a download link works unless the admin chooses: a week, like an invitation. */
export const DEFAULT_LINK_DAYS = 7;
/** The longest a link may work: a report shared for a quarter at most before someone asks again. */
export const MAX_LINK_DAYS = 90;

/** A request as the audit log keeps it: who asked, its status and its link's expiry (never the link). */
export interface TrustRequestRecord {
  id: string;
  name: string;
  company: string;
  email: string;
  status: TrustRequestStatus;
  expiresAt: string | null;
}

export interface Subprocessor {
  name: string;
  purpose: string;
  location: string;
}

export interface ControlArea {
  series: string;
  status: ControlAreaStatus;
}

/** What the public sees: exactly this snapshot, as the admin published it. */
export interface TrustSnapshot {
  organizationName: string;
  categories: Category[];
  /** The report shared behind the request form, and the period it covers; null when none is offered. */
  report: { type: ReportType; periodStart: string | null; periodEnd: string } | null;
  controlAreas: ControlArea[];
  subprocessors: Subprocessor[];
  contact: string;
  publishedAt: string;
}

/** The SHA-256 (hex) of an NDA's text, as each acceptance keeps it: the exact words the requester agreed to. */
export function ndaHash(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/**
 * Whether a requester must accept the NDA (again): never accepted, or accepted a version other than the current
 * one. A new version asks everyone again, even for a link already issued.
 */
export function needsAcceptance(acceptedVersion: number | null, currentVersion: number): boolean {
  return acceptedVersion !== currentVersion;
}

/** Refuses an acceptance of a version other than the current one: the requester saw text that is no longer in force. */
export function requireCurrentVersion(acceptedVersion: number, currentVersion: number): void {
  if (acceptedVersion !== currentVersion) {
    throw new ConflictError(`The NDA has changed (version ${currentVersion} is in force): read it again and accept it`);
  }
}

/** When a link issued at `issuedAt` for `days` days stops working. */
export function linkExpiry(issuedAt: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 1 || days > MAX_LINK_DAYS) {
    throw new ValidationError([{ location: '$.days', message: `must be a whole number of days from 1 to ${MAX_LINK_DAYS}` }], 'The link lifetime is not valid');
  }
  return new Date(issuedAt.getTime() + days * DAY_MS);
}

export interface LinkState {
  status: TrustRequestStatus;
  expiresAt: string | null;
}

/** Why a link cannot be used now, or null when it can: approved, not revoked, before its expiry. */
export function linkRefusal(link: LinkState, now: Date): string | null {
  if (link.status === 'revoked') return 'This link was revoked: ask the organisation for the report again';
  if (link.status !== 'approved' || link.expiresAt === null) return 'This link is not valid';
  if (now.getTime() >= Date.parse(link.expiresAt)) return 'This link has expired: ask the organisation for the report again';
  return null;
}

export function requireUsableLink(link: LinkState, now: Date): void {
  const refusal = linkRefusal(link, now);
  if (refusal !== null) throw new ForbiddenError(refusal);
}

const NEXT: Record<'approve' | 'reject' | 'revoke', { from: TrustRequestStatus; to: TrustRequestStatus }> = {
  approve: { from: 'pending', to: 'approved' },
  reject: { from: 'pending', to: 'rejected' },
  revoke: { from: 'approved', to: 'revoked' },
};

/** The status a decision leads to; a request is decided once, and only an approved link is revoked. */
export function decide(status: TrustRequestStatus, decision: keyof typeof NEXT): TrustRequestStatus {
  const step = NEXT[decision];
  if (status !== step.from) throw new ConflictError(`A ${status} request cannot be ${decision === 'approve' ? 'approved' : decision === 'reject' ? 'rejected' : 'revoked'}`);
  return step.to;
}

const SEVERITY: Record<ControlAreaStatus, number> = { met: 0, met_with_exceptions: 1, unable_to_conclude: 2, not_met: 3 };

/**
 * Each series' status from its criteria's: the worst in-scope criterion decides (not applicable ones count for
 * nothing); series with none in scope are left out. Series in catalogue order of first appearance.
 */
export function controlAreas(criteria: readonly { id: string; status: CriterionStatus }[]): ControlArea[] {
  const areas = new Map<string, ControlAreaStatus>();
  for (const { id, status } of criteria) {
    if (status === 'not_applicable') continue;
    const series = seriesOf(id);
    const before = areas.get(series);
    if (before === undefined || SEVERITY[status] > SEVERITY[before]) areas.set(series, status);
  }
  return [...areas].map(([series, status]) => ({ series, status }));
}
export * from './subscriptions.js';
