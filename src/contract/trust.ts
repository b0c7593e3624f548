import { z } from 'zod';
import { CATEGORIES, CONTROL_AREA_STATUSES, MAX_LINK_DAYS, MAX_WEBHOOK_URL_LENGTH, REPORT_TYPES, SUBSCRIPTION_STATUSES, TRUST_REQUEST_STATUSES } from '../domain/index.js';
import { MAX_EMAIL_LENGTH, MAX_ID_LENGTH, MAX_LIST_LENGTH, MAX_NAME_LENGTH, MAX_NDA_TEXT_LENGTH, MAX_SLUG_LENGTH, MAX_SUBPROCESSORS, MAX_TEXT_LENGTH } from '../domain/limits.js';
import { linkSecret } from './auth.js';
import { idParam, text } from './fields.js';
import { organizationParams } from './organizations.js';
import { pageQuery, paged } from './paging.js';

export const trustRequestParams = organizationParams.extend({ trustRequestId: idParam });
export const publicTrustParams = z.strictObject({ organizationSlug: z.string().min(1).max(MAX_SLUG_LENGTH) });

const subprocessor = z.strictObject({ name: text(MAX_NAME_LENGTH), purpose: text(MAX_NAME_LENGTH), location: text(MAX_NAME_LENGTH) });

export const trustSnapshotSchema = z
  .object({
    organizationName: z.string(),
    categories: z.array(z.enum(CATEGORIES)),
    report: z.object({ type: z.enum(REPORT_TYPES), periodStart: z.string().nullable(), periodEnd: z.string() }).nullable(),
    controlAreas: z.array(z.object({ series: z.string(), status: z.enum(CONTROL_AREA_STATUSES) })),
    subprocessors: z.array(z.object({ name: z.string(), purpose: z.string(), location: z.string() })),
    contact: z.string(),
    publishedAt: z.string(),
  })
  .meta({ id: 'TrustSnapshot' });

const ndaSchema = z.object({ version: z.number().int(), text: z.string(), sha256: z.string() });

/** What anyone may read: the published snapshot, and the NDA to accept when the report is offered. */
export const publishedTrustPageSchema = z.object({ snapshot: trustSnapshotSchema, nda: ndaSchema.nullable() }).meta({ id: 'PublishedTrustPage' });

const trustReportSchema = z.object({ id: z.string(), engagementId: z.string(), sha256: z.string(), fileName: z.string(), size: z.number(), uploadedAt: z.string(), uploadedBy: z.string() });

/** The admin's view: what is published, the NDA in force and the latest report uploaded. */
export const trustOverviewSchema = z
  .object({
    page: z.object({ snapshot: trustSnapshotSchema.nullable(), publishedAt: z.string().nullable(), publishedBy: z.string().nullable(), reportId: z.string().nullable() }).nullable(),
    nda: ndaSchema.extend({ createdAt: z.string(), createdBy: z.string() }).nullable(),
    report: trustReportSchema.nullable(),
    /** Active subscribers by kind: counts only, their addresses are not shown. */
    subscribers: z.object({ email: z.number().int(), webhook: z.number().int() }),
  })
  .meta({ id: 'TrustOverview' });

export const publishTrustBody = z.strictObject({
  engagementId: idParam,
  series: z.array(z.string().min(1).max(MAX_ID_LENGTH)).max(MAX_LIST_LENGTH),
  subprocessors: z.array(subprocessor).max(MAX_SUBPROCESSORS),
  contact: text(MAX_TEXT_LENGTH),
  offerReport: z.boolean(),
});

export const ndaBody = z.strictObject({ text: text(MAX_NDA_TEXT_LENGTH) });

export const trustReportQuery = z.strictObject({ engagementId: idParam, fileName: text(255) });
export const trustReportUploaded = trustReportSchema.meta({ id: 'TrustReport' });
export const trustReportBody = {
  description: 'The issued report as a PDF (Content-Type: application/pdf), within the evidence store’s size limit',
  content: { 'application/pdf': { schema: z.string().describe('The PDF’s bytes') } },
};

export const trustRequestSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    company: z.string(),
    email: z.string(),
    status: z.enum(TRUST_REQUEST_STATUSES),
    requestedAt: z.string(),
    decidedAt: z.string().nullable(),
    decidedBy: z.string().nullable(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'TrustRequest' });
export const trustRequestList = paged(trustRequestSchema);
export const trustRequestQuery = pageQuery;

export const trustRequestDetail = z
  .object({
    request: trustRequestSchema,
    acceptances: z.array(z.object({ ndaVersion: z.number().int(), ndaSha256: z.string(), acceptedAt: z.string(), address: z.string() })),
    downloads: z.array(z.object({ downloadedAt: z.string(), address: z.string(), reportId: z.string() })),
  })
  .meta({ id: 'TrustRequestDetail' });

export const approveTrustRequestBody = z.strictObject({ days: z.number().int().min(1).max(MAX_LINK_DAYS) });
export const approvalSchema = z
  .object({
    request: trustRequestSchema,
    /** The download link when it could not be mailed (no SMTP set up): shown this once. */
    link: z.string().nullable(),
    mailed: z.boolean(),
  })
  .meta({ id: 'TrustApproval' });

export const reportRequestBody = z.strictObject({
  name: text(MAX_NAME_LENGTH),
  company: text(MAX_NAME_LENGTH),
  email: z.email().max(MAX_EMAIL_LENGTH),
  ndaVersion: z.number().int().min(1),
  /** Click-wrap: the requester ticked "I accept the NDA". */
  acceptNda: z.literal(true),
});

export const downloadBody = z.strictObject({ token: linkSecret, acceptNdaVersion: z.number().int().min(1).nullable().optional() });
export const trustReportContent = {
  description: 'The report, watermarked with the requester’s e-mail and the date on every page',
  content: { 'application/pdf': { schema: z.string().describe('The PDF’s bytes') } },
};

/** Subscribe to a published page's changes: an e-mail address (confirmed by a link) or a webhook URL. */
export const subscribeBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('email'), email: z.email().max(MAX_EMAIL_LENGTH) }),
  z.strictObject({ kind: z.literal('webhook'), url: z.url({ protocol: /^https?$/ }).max(MAX_WEBHOOK_URL_LENGTH) }),
]);
export const subscribedSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('email'), status: z.literal('pending') }),
    z.object({
      kind: z.literal('webhook'),
      status: z.literal('active'),
      /** Signs every POST (`Assay-Signature`): shown this once. */
      secret: z.string(),
      /** Cancels the subscription (`…/subscriptions/unsubscribe`): shown this once. */
      token: z.string(),
    }),
  ])
  .meta({ id: 'TrustSubscribed' });
/** A confirm or unsubscribe link's secret, from the link's fragment. */
export const subscriptionTokenBody = z.strictObject({ token: linkSecret });
export const subscriptionStatusSchema = z.object({ status: z.enum(SUBSCRIPTION_STATUSES) }).meta({ id: 'TrustSubscriptionStatus' });

export type TrustSnapshot = z.infer<typeof trustSnapshotSchema>;
export type PublishedTrustPage = z.infer<typeof publishedTrustPageSchema>;
export type TrustOverview = z.infer<typeof trustOverviewSchema>;
export type PublishTrust = z.input<typeof publishTrustBody>;
export type TrustRequest = z.infer<typeof trustRequestSchema>;
export type TrustRequestDetail = z.infer<typeof trustRequestDetail>;
export type TrustApproval = z.infer<typeof approvalSchema>;
export type ReportRequest = z.input<typeof reportRequestBody>;
export type Subscribe = z.input<typeof subscribeBody>;
export type TrustSubscribed = z.infer<typeof subscribedSchema>;
