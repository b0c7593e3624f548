/**
 * The trust page (docs/trust-page.md). The admin (`trust.manage`) uploads the organisation's issued SOC 2 report,
 * writes the NDA's versions, publishes a snapshot of what the public may see, and decides the requests for the
 * report. Anyone may read the published snapshot and ask for the report; a link issued on approval downloads it,
 * watermarked with the requester's e-mail and the date, until it expires or is revoked. Nothing unpublished is
 * reachable without signing in: an unknown slug and an unpublished page are the same "not found".
 */
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import {
  ConflictError,
  controlAreas,
  decide,
  DEFAULT_LINK_DAYS,
  ForbiddenError,
  linkExpiry,
  ndaHash,
  needsAcceptance,
  NotFoundError,
  requireCurrentVersion,
  requireUsableLink,
  ValidationError,
  type ControlArea,
  type CriterionStatus,
  type Subprocessor,
  type TrustRequestRecord,
  type TrustSnapshot,
} from '../../domain/index.js';
import type { BlobStore } from '../../store/blobs.js';
import type { OrganizationsRepository } from '../../store/organizations-repository.js';
import type { NdaAcceptance, TrustDownload, TrustNda, TrustPage, TrustReport, TrustRepository, TrustRequest } from '../../store/trust-repository.js';
import type { Executor, Page, Paged } from '../../store/values.js';
import type { EngagementScope } from '../engagements/engagement-scope.js';
import type { ExaminationService } from '../engagements/examination-service.js';
import type { Access } from '../platform/access.js';
import { describeActor, type Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';
import { newSecret } from '../platform/secrets.js';
import type { Mailer } from './mail.js';
import type { SubscriptionService } from './subscription-service.js';
import { requirePdf, watermark } from './watermark.js';

/** The web app's public page of an organisation's trust page; a download link adds `/download#<secret>`. */
export const trustPagePath = (slug: string) => `/trust/${encodeURIComponent(slug)}`;

/** The trust page's public address on the installation at `baseUrl`. */
export const trustPageUrl = (baseUrl: string, slug: string) => `${baseUrl.replace(/\/+$/, '')}${trustPagePath(slug)}`;

/** The published page of a slug: an unknown slug and an unpublished page are the same 404. */
export async function publishedPage(trust: Pick<TrustRepository, 'pageBySlug'>, slug: string): Promise<TrustPage & { snapshot: TrustSnapshot }> {
  const page = await trust.pageBySlug(slug);
  if (!page?.snapshot) throw new NotFoundError('The trust page');
  return { ...page, snapshot: page.snapshot };
}

export interface PublishInput {
  engagementId: string;
  /** The control areas (criteria series) to show; the others of the engagement stay unpublished. */
  series: string[];
  subprocessors: Subprocessor[];
  contact: string;
  /** Offer the latest report uploaded for the engagement behind the request form. */
  offerReport: boolean;
}

export interface TrustOverview {
  page: TrustPage | null;
  nda: TrustNda | null;
  report: TrustReport | null;
  /** How many subscribers are active, by kind (their addresses are theirs: the admin sees counts only). */
  subscribers: { email: number; webhook: number };
}

export interface RequestDetail {
  request: TrustRequest;
  acceptances: NdaAcceptance[];
  downloads: TrustDownload[];
}

export interface Approval {
  request: TrustRequest;
  /** The link, when it could not be mailed: for the admin to pass on (shown once). */
  link: string | null;
  mailed: boolean;
}

/** What the public sees: the snapshot, and the NDA to accept when a report is offered. */
export interface PublishedTrustPage {
  snapshot: TrustSnapshot;
  nda: { version: number; text: string; sha256: string } | null;
}

export interface ReportRequestInput {
  name: string;
  company: string;
  email: string;
  /** The NDA version the requester read and accepted. */
  ndaVersion: number;
}

const record = (r: TrustRequest): TrustRequestRecord => ({ id: r.id, name: r.name, company: r.company, email: r.email, status: r.status, expiresAt: r.expiresAt });

export function createTrustService(deps: {
  db: Executor;
  trust: TrustRepository;
  organizations: Pick<OrganizationsRepository, 'findById'>;
  lookup: Pick<EngagementScope, 'engagement'>;
  examination: Pick<ExaminationService, 'current'>;
  blobs: Pick<BlobStore, 'put' | 'get'>;
  maxBytes: number;
  mailer: Mailer | null;
  subscriptions: Pick<SubscriptionService, 'notify' | 'subscribers'>;
  access: Access;
  audit: AuditLog;
  clock: () => Date;
  /** Where a link that could not be mailed is reported to the operator. */
  logFailure?: (line: string) => void;
}) {
  const { db, trust, organizations, lookup, examination, blobs, mailer, subscriptions, access, audit, clock } = deps;
  const logFailure = deps.logFailure ?? (() => undefined);

  const requestIn = async (organizationId: string, id: string, trx?: Executor) => {
    const found = await trust.findRequest(organizationId, id, trx);
    if (!found) throw new NotFoundError('The request');
    return found;
  };

  /** Takes a request one decision further, once even under a race, with its audit event. */
  const decideOn = async (actor: Actor, organizationId: string, id: string, decision: 'approve' | 'reject' | 'revoke', link?: { token: string; expiresAt: Date }) =>
    db.transaction().execute(async (trx) => {
      const before = await requestIn(organizationId, id, trx);
      const status = decide(before.status, decision);
      const after = await trust.decide(id, before.status, { status, by: describeActor(actor), ...(link && { link }) }, trx);
      if (!after) throw new ConflictError('The request was decided by someone else meanwhile: reload it');
      const type = decision === 'approve' ? 'trust_request.approved' : decision === 'reject' ? 'trust_request.rejected' : 'trust_request.revoked';
      await audit.record(trx, actor, { type, organizationId, subject: `trust_request:${id}`, before: record(before), after: record(after) });
      return after;
    });

  /** The offered report's NDA in force; a page without a report offers none. */
  const offeredNda = async (page: TrustPage) => {
    if (page.reportId === null) throw new NotFoundError('The report');
    const nda = await trust.currentNda(page.organizationId);
    if (!nda) throw new NotFoundError('The report');
    return nda;
  };

  return {
    maxBytes: deps.maxBytes,

    async overview(actor: Actor, organizationId: string): Promise<TrustOverview> {
      await access.require(actor, organizationId, 'trust.manage');
      const [page, nda, report, subscribers] = await Promise.all([trust.page(organizationId), trust.currentNda(organizationId), trust.report(organizationId), subscriptions.subscribers(organizationId)]);
      return { page, nda, report, subscribers };
    },

    /** Stores the issued report (a PDF, within the evidence limit) for an engagement of the organisation. */
    async uploadReport(actor: Actor, organizationId: string, engagementId: string, fileName: string, bytes: Buffer): Promise<TrustReport> {
      await access.require(actor, organizationId, 'trust.manage');
      await lookup.engagement(organizationId, engagementId);
      await requirePdf(bytes);
      return db.transaction().execute(async (trx) => {
        const blob = await blobs.put(Readable.from([bytes]), { maxBytes: deps.maxBytes, trx });
        const report = await trust.addReport({ organizationId, engagementId, sha256: blob.sha256, fileName, size: blob.size, uploadedBy: describeActor(actor) }, trx);
        await audit.record(trx, actor, { type: 'trust.report_uploaded', organizationId, subject: `trust_report:${report.id}`, after: { reportId: report.id, sha256: report.sha256, fileName, size: report.size, engagementId } });
        return report;
      });
    },

    /** A new version of the NDA: everyone accepts it before their next download. */
    async versionNda(actor: Actor, organizationId: string, text: string): Promise<TrustNda> {
      await access.require(actor, organizationId, 'trust.manage');
      return db.transaction().execute(async (trx) => {
        const current = await trust.currentNda(organizationId, trx);
        const sha256 = ndaHash(text);
        if (current?.sha256 === sha256) throw new ConflictError(`This is the text of version ${current.version} already`);
        const nda = await trust.addNda(organizationId, text, sha256, describeActor(actor), trx);
        await audit.record(trx, actor, { type: 'trust.nda_versioned', organizationId, subject: `trust_nda:${organizationId}:${nda.version}`, after: { version: nda.version, sha256 } });
        return nda;
      });
    },

    /**
     * Publishes a snapshot: the engagement's categories, period and the chosen control areas with the forecast's
     * status now, the subprocessors and contact as given, and (when offered) its latest report. Once committed,
     * subscribers hear of a newly offered report and of a changed subprocessor list (their links use `baseUrl`).
     */
    async publish(actor: Actor, organizationId: string, input: PublishInput, baseUrl: string): Promise<TrustSnapshot> {
      await access.require(actor, organizationId, 'trust.manage');
      const engagement = await lookup.engagement(organizationId, input.engagementId);
      const organization = await organizations.findById(organizationId);
      if (!organization) throw new NotFoundError('The organisation');
      const result = JSON.parse((await examination.current(organizationId, input.engagementId)).json.toString('utf8')) as { criteria: { id: string; status: CriterionStatus }[] };
      const areas = controlAreas(result.criteria);
      const unknown = input.series.filter((s) => !areas.some((a) => a.series === s));
      if (unknown.length > 0) {
        throw new ValidationError(unknown.map((s) => ({ location: `$.series[${input.series.indexOf(s)}]`, message: `${s} is not a control area of the engagement in scope` })), 'The control areas are not valid');
      }
      const report = input.offerReport ? await trust.report(organizationId) : null;
      if (input.offerReport && (report === null || report.engagementId !== input.engagementId)) {
        throw new ValidationError([{ location: '$.offerReport', message: 'upload the issued report for this engagement first' }], 'There is no report to offer');
      }
      if (input.offerReport && !(await trust.currentNda(organizationId))) {
        throw new ValidationError([{ location: '$.offerReport', message: 'write the NDA requesters accept first' }], 'There is no NDA');
      }
      const snapshot: TrustSnapshot = {
        organizationName: organization.name,
        categories: engagement.categories,
        report: report && { type: engagement.reportType, periodStart: engagement.periodStart, periodEnd: engagement.periodEnd },
        controlAreas: areas.filter((a: ControlArea) => input.series.includes(a.series)),
        subprocessors: input.subprocessors,
        contact: input.contact,
        publishedAt: clock().toISOString(),
      };
      const before = await db.transaction().execute(async (trx) => {
        const page = await trust.page(organizationId, trx);
        await trust.setSnapshot(organizationId, snapshot, report?.id ?? null, describeActor(actor), trx);
        await audit.record(trx, actor, { type: 'trust.published', organizationId, subject: `trust_page:${organizationId}`, before: page?.snapshot ?? null, after: snapshot });
        return page;
      });
      await subscriptions.notify({
        organizationId,
        slug: organization.slug,
        baseUrl,
        before: { snapshot: before?.snapshot ?? null, reportId: before?.reportId ?? null },
        after: { snapshot, reportId: report?.id ?? null },
      });
      return snapshot;
    },

    /** Takes the page down: the public sees "not found", and links stop working until it is published again. */
    async unpublish(actor: Actor, organizationId: string): Promise<void> {
      await access.require(actor, organizationId, 'trust.manage');
      await db.transaction().execute(async (trx) => {
        const before = await trust.page(organizationId, trx);
        if (!before?.snapshot) throw new ConflictError('The trust page is not published');
        await trust.setSnapshot(organizationId, null, null, describeActor(actor), trx);
        await audit.record(trx, actor, { type: 'trust.unpublished', organizationId, subject: `trust_page:${organizationId}`, before: before.snapshot });
      });
    },

    async requests(actor: Actor, organizationId: string, page: Page): Promise<Paged<TrustRequest>> {
      await access.require(actor, organizationId, 'trust.manage');
      return trust.listRequests(organizationId, page);
    },

    /** A request with every NDA acceptance and every download (when, from which address). */
    async request(actor: Actor, organizationId: string, id: string): Promise<RequestDetail> {
      await access.require(actor, organizationId, 'trust.manage');
      const request = await requestIn(organizationId, id);
      const [acceptances, downloads] = await Promise.all([trust.acceptances(id), trust.downloads(id)]);
      return { request, acceptances, downloads };
    },

    /**
     * Approves a request: a link that works `days` days, mailed to the requester when the installation sends mail,
     * else (or when sending fails) given to the admin to pass on. Only the secret's hash is kept.
     */
    async approve(actor: Actor, organizationId: string, id: string, days: number = DEFAULT_LINK_DAYS, baseUrl: string): Promise<Approval> {
      await access.require(actor, organizationId, 'trust.manage');
      const token = newSecret();
      const expiresAt = linkExpiry(clock(), days);
      const organization = await organizations.findById(organizationId);
      if (!organization) throw new NotFoundError('The organisation');
      const request = await decideOn(actor, organizationId, id, 'approve', { token, expiresAt });
      const link = `${trustPageUrl(baseUrl, organization.slug)}/download#${token}`;
      if (mailer === null) return { request, link, mailed: false };
      try {
        await mailer.send({
          to: request.email,
          subject: `${organization.name}: your copy of the SOC 2 report`,
          text: `Hello ${request.name},\n\n${organization.name} has approved your request for its SOC 2 report. Download it here until ${expiresAt.toISOString().slice(0, 10)}:\n\n${link}\n\nEach copy is marked with your e-mail address.\n`,
        });
      } catch (error) {
        // The approval is committed and only the link's hash is kept: the admin is the link's last chance.
        logFailure(`trust page link for request ${id} could not be mailed: ${error instanceof Error ? error.message : String(error)}`);
        return { request, link, mailed: false };
      }
      return { request, link: null, mailed: true };
    },

    reject: (actor: Actor, organizationId: string, id: string) =>
      access.require(actor, organizationId, 'trust.manage').then(() => decideOn(actor, organizationId, id, 'reject')),

    /** Revokes an approved request's link: it stops working at once. */
    revoke: (actor: Actor, organizationId: string, id: string) =>
      access.require(actor, organizationId, 'trust.manage').then(() => decideOn(actor, organizationId, id, 'revoke')),

    /** The published snapshot of a slug, for anyone; the NDA only when a report is offered. */
    async published(slug: string): Promise<PublishedTrustPage> {
      const page = await publishedPage(trust, slug);
      const nda = page.reportId === null ? null : await trust.currentNda(page.organizationId);
      return { snapshot: page.snapshot, nda: nda && { version: nda.version, text: nda.text, sha256: nda.sha256 } };
    },

    /** Anyone asks for the report, accepting the NDA in force (its hash, the time and their address are kept). */
    async ask(slug: string, input: ReportRequestInput, address: string): Promise<void> {
      const page = await publishedPage(trust, slug);
      const nda = await offeredNda(page);
      requireCurrentVersion(input.ndaVersion, nda.version);
      await db.transaction().execute(async (trx) => {
        const request = await trust.createRequest({ organizationId: page.organizationId, name: input.name, company: input.company, email: input.email }, trx);
        await trust.addAcceptance(request.id, { ndaVersion: nda.version, ndaSha256: nda.sha256, address }, trx);
      });
    },

    /**
     * The offered report, watermarked for the link's requester, logged with the address. A link issued before the
     * NDA's current version first needs that version accepted (`acceptNdaVersion`): until then, 409.
     */
    async download(slug: string, token: string, address: string, acceptNdaVersion: number | null): Promise<{ fileName: string; content: Uint8Array }> {
      const page = await publishedPage(trust, slug);
      const nda = await offeredNda(page);
      const request = await trust.findRequestByToken(page.organizationId, token);
      if (!request) throw new ForbiddenError('This link is not valid');
      requireUsableLink(request, clock());
      const accepted = (await trust.acceptances(request.id)).at(-1)?.ndaVersion ?? null;
      const accepting = needsAcceptance(accepted, nda.version);
      if (accepting) requireCurrentVersion(acceptNdaVersion ?? accepted ?? 0, nda.version);
      const report = await trust.report(page.organizationId, page.reportId ?? undefined);
      if (!report) throw new NotFoundError('The report');
      const content = await watermark(await buffer(await blobs.get(report.sha256)), request.email, clock().toISOString().slice(0, 10));
      await db.transaction().execute(async (trx) => {
        if (accepting) await trust.addAcceptance(request.id, { ndaVersion: nda.version, ndaSha256: nda.sha256, address }, trx);
        await trust.addDownload(request.id, report.id, address, trx);
      });
      return { fileName: report.fileName, content };
    },
  };
}

export type TrustService = ReturnType<typeof createTrustService>;
