/**
 * The trust page's records: the published snapshot, the reports shared, the NDA's versions, the requests with
 * their acceptances and downloads. A link's secret is kept only as its SHA-256, and `token_hash` is never among
 * the selected columns. Decisions are conditional updates on the status, so two racing admins decide once.
 */
import type { Selectable } from 'kysely';
import type { TrustRequestStatus, TrustSnapshot } from '../domain/index.js';
import { hashToken } from './token-hash.js';
import type { TrustRequestsTable } from './trust-schema.js';
import { normalizeEmail } from './users-repository.js';
import { defaultDependencies, fromJsonOrNull, selectPage, toCount, toJson, toTimestamp, type Executor, type Page, type Paged, type StoreDependencies } from './values.js';

export interface TrustPage {
  organizationId: string;
  snapshot: TrustSnapshot | null;
  publishedAt: string | null;
  publishedBy: string | null;
  reportId: string | null;
}

export interface TrustReport {
  id: string;
  organizationId: string;
  engagementId: string;
  sha256: string;
  fileName: string;
  size: number;
  uploadedAt: string;
  uploadedBy: string;
}

export interface TrustNda {
  version: number;
  text: string;
  sha256: string;
  createdAt: string;
  createdBy: string;
}

export interface TrustRequest {
  id: string;
  organizationId: string;
  name: string;
  company: string;
  email: string;
  status: TrustRequestStatus;
  requestedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface NdaAcceptance {
  ndaVersion: number;
  ndaSha256: string;
  acceptedAt: string;
  address: string;
}

export interface TrustDownload {
  downloadedAt: string;
  address: string;
  reportId: string;
}

const requestColumns = ['id', 'organization_id', 'name', 'company', 'email', 'status', 'requested_at', 'decided_at', 'decided_by', 'expires_at', 'revoked_at'] as const;
const reportColumns = ['id', 'organization_id', 'engagement_id', 'sha256', 'file_name', 'size', 'uploaded_at', 'uploaded_by'] as const;
const ndaColumns = ['version', 'text', 'sha256', 'created_at', 'created_by'] as const;

function toRequest(row: Pick<Selectable<TrustRequestsTable>, (typeof requestColumns)[number]>): TrustRequest {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    company: row.company,
    email: row.email,
    status: row.status as TrustRequestStatus,
    requestedAt: row.requested_at,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

export interface TrustRequestInput {
  organizationId: string;
  name: string;
  company: string;
  email: string;
}

/** What a decision writes: the status it leads to and, for an approval, the link. */
export interface TrustDecision {
  status: TrustRequestStatus;
  by: string;
  link?: { token: string; expiresAt: Date };
}

export type TrustRepository = ReturnType<typeof createTrustRepository>;

export function createTrustRepository(db: Executor, deps: StoreDependencies = defaultDependencies) {
  const now = () => toTimestamp(deps.clock());

  return {
    async page(organizationId: string, trx?: Executor): Promise<TrustPage | null> {
      const row = await (trx ?? db)
        .selectFrom('trust_pages')
        .select(['organization_id', 'snapshot', 'published_at', 'published_by', 'report_id'])
        .where('organization_id', '=', organizationId)
        .executeTakeFirst();
      if (!row) return null;
      return { organizationId, snapshot: fromJsonOrNull<TrustSnapshot>(row.snapshot), publishedAt: row.published_at, publishedBy: row.published_by, reportId: row.report_id };
    },

    /** The organisation of a slug and its page, published or taken down; null when the slug has none. */
    async pageBySlug(slug: string, trx?: Executor): Promise<TrustPage | null> {
      const row = await (trx ?? db)
        .selectFrom('trust_pages')
        .innerJoin('organizations', 'organizations.id', 'trust_pages.organization_id')
        .select(['trust_pages.organization_id', 'trust_pages.snapshot', 'trust_pages.published_at', 'trust_pages.published_by', 'trust_pages.report_id'])
        .where('organizations.slug', '=', slug)
        .executeTakeFirst();
      if (!row) return null;
      return { organizationId: row.organization_id, snapshot: fromJsonOrNull<TrustSnapshot>(row.snapshot), publishedAt: row.published_at, publishedBy: row.published_by, reportId: row.report_id };
    },

    /** Publishes a snapshot (replacing the one before), or with null takes the page down. */
    async setSnapshot(organizationId: string, snapshot: TrustSnapshot | null, reportId: string | null, by: string, trx?: Executor): Promise<void> {
      const values = { snapshot: snapshot === null ? null : toJson(snapshot), published_at: snapshot === null ? null : now(), published_by: by, report_id: reportId };
      await (trx ?? db)
        .insertInto('trust_pages')
        .values({ organization_id: organizationId, ...values })
        .onConflict((oc) => oc.column('organization_id').doUpdateSet((eb) => ({ ...values, version: eb('trust_pages.version', '+', 1) })))
        .execute();
    },

    async addReport(input: Omit<TrustReport, 'id' | 'uploadedAt'>, trx?: Executor): Promise<TrustReport> {
      const row = await (trx ?? db)
        .insertInto('trust_reports')
        .values({
          id: deps.newId(),
          organization_id: input.organizationId,
          engagement_id: input.engagementId,
          sha256: input.sha256,
          file_name: input.fileName,
          size: input.size,
          uploaded_at: now(),
          uploaded_by: input.uploadedBy,
        })
        .returning(reportColumns)
        .executeTakeFirstOrThrow();
      return toReport(row);
    },

    /** A report of the organisation by id, or its latest upload when `id` is omitted. */
    async report(organizationId: string, id?: string, trx?: Executor): Promise<TrustReport | null> {
      let query = (trx ?? db).selectFrom('trust_reports').select(reportColumns).where('organization_id', '=', organizationId);
      if (id !== undefined) query = query.where('id', '=', id);
      const row = await query.orderBy('uploaded_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
      return row ? toReport(row) : null;
    },

    /** Adds the next version of the NDA (1 for the first). */
    async addNda(organizationId: string, text: string, sha256: string, by: string, trx?: Executor): Promise<TrustNda> {
      const executor = trx ?? db;
      const last = await executor.selectFrom('trust_ndas').select((eb) => eb.fn.max('version').as('version')).where('organization_id', '=', organizationId).executeTakeFirst();
      const row = await executor
        .insertInto('trust_ndas')
        .values({ organization_id: organizationId, version: toCount(last?.version ?? 0) + 1, text, sha256, created_at: now(), created_by: by })
        .returning(ndaColumns)
        .executeTakeFirstOrThrow();
      return toNda(row);
    },

    /** The NDA in force: its latest version, or null when there is none. */
    async currentNda(organizationId: string, trx?: Executor): Promise<TrustNda | null> {
      const row = await (trx ?? db).selectFrom('trust_ndas').select(ndaColumns).where('organization_id', '=', organizationId).orderBy('version', 'desc').executeTakeFirst();
      return row ? toNda(row) : null;
    },

    async createRequest(input: TrustRequestInput, trx?: Executor): Promise<TrustRequest> {
      const row = await (trx ?? db)
        .insertInto('trust_requests')
        .values({ id: deps.newId(), organization_id: input.organizationId, name: input.name, company: input.company, email: normalizeEmail(input.email), status: 'pending', requested_at: now() })
        .returning(requestColumns)
        .executeTakeFirstOrThrow();
      return toRequest(row);
    },

    async findRequest(organizationId: string, id: string, trx?: Executor): Promise<TrustRequest | null> {
      const row = await (trx ?? db).selectFrom('trust_requests').select(requestColumns).where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
      return row ? toRequest(row) : null;
    },

    /** The request a link's secret was issued for, in the organisation named, whatever its state. */
    async findRequestByToken(organizationId: string, token: string, trx?: Executor): Promise<TrustRequest | null> {
      const row = await (trx ?? db)
        .selectFrom('trust_requests')
        .select(requestColumns)
        .where('organization_id', '=', organizationId)
        .where('token_hash', '=', hashToken(token))
        .executeTakeFirst();
      return row ? toRequest(row) : null;
    },

    /** The organisation's requests, newest first. */
    async listRequests(organizationId: string, page: Page, trx?: Executor): Promise<Paged<TrustRequest>> {
      const query = (trx ?? db).selectFrom('trust_requests').where('organization_id', '=', organizationId);
      return selectPage(query, page, (q) => q.select(requestColumns).orderBy('requested_at', 'desc').orderBy('id'), toRequest);
    },

    /** Moves a request from `from` as decided; null (nothing changed) when it is no longer in `from`. */
    async decide(id: string, from: TrustRequestStatus, decision: TrustDecision, trx?: Executor): Promise<TrustRequest | null> {
      const at = now();
      const row = await (trx ?? db)
        .updateTable('trust_requests')
        .set((eb) => ({
          status: decision.status,
          version: eb('version', '+', 1),
          ...(decision.status === 'revoked' ? { revoked_at: at } : { decided_at: at, decided_by: decision.by }),
          ...(decision.link && { token_hash: hashToken(decision.link.token), expires_at: toTimestamp(decision.link.expiresAt) }),
        }))
        .where('id', '=', id)
        .where('status', '=', from)
        .returning(requestColumns)
        .executeTakeFirst();
      return row ? toRequest(row) : null;
    },

    async addAcceptance(requestId: string, acceptance: Omit<NdaAcceptance, 'acceptedAt'>, trx?: Executor): Promise<void> {
      await (trx ?? db)
        .insertInto('trust_nda_acceptances')
        .values({ id: deps.newId(), request_id: requestId, nda_version: acceptance.ndaVersion, nda_sha256: acceptance.ndaSha256, accepted_at: now(), address: acceptance.address })
        .execute();
    },

    /** Every acceptance of a request, oldest first (versions only grow, and each acceptance is of the one in force). */
    async acceptances(requestId: string, trx?: Executor): Promise<NdaAcceptance[]> {
      const rows = await (trx ?? db)
        .selectFrom('trust_nda_acceptances')
        .select(['nda_version', 'nda_sha256', 'accepted_at', 'address'])
        .where('request_id', '=', requestId)
        .orderBy('nda_version')
        .orderBy('accepted_at')
        .execute();
      return rows.map((r) => ({ ndaVersion: r.nda_version, ndaSha256: r.nda_sha256, acceptedAt: r.accepted_at, address: r.address }));
    },

    async addDownload(requestId: string, reportId: string, address: string, trx?: Executor): Promise<void> {
      await (trx ?? db).insertInto('trust_downloads').values({ id: deps.newId(), request_id: requestId, report_id: reportId, downloaded_at: now(), address }).execute();
    },

    /** Every download of a request, oldest first. */
    async downloads(requestId: string, trx?: Executor): Promise<TrustDownload[]> {
      const rows = await (trx ?? db)
        .selectFrom('trust_downloads')
        .select(['downloaded_at', 'address', 'report_id'])
        .where('request_id', '=', requestId)
        .orderBy('downloaded_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ downloadedAt: r.downloaded_at, address: r.address, reportId: r.report_id }));
    },
  };
}

function toReport(row: { id: string; organization_id: string; engagement_id: string; sha256: string; file_name: string; size: number; uploaded_at: string; uploaded_by: string }): TrustReport {
  return {
    id: row.id,
    organizationId: row.organization_id,
    engagementId: row.engagement_id,
    sha256: row.sha256,
    fileName: row.file_name,
    size: toCount(row.size),
    uploadedAt: row.uploaded_at,
    uploadedBy: row.uploaded_by,
  };
}

function toNda(row: { version: number; text: string; sha256: string; created_at: string; created_by: string }): TrustNda {
  return { version: toCount(row.version), text: row.text, sha256: row.sha256, createdAt: row.created_at, createdBy: row.created_by };
}
