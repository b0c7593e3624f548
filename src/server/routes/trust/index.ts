/**
 * The trust page over HTTP. The admin's routes sit under the organisation (`trust.manage`); the public's under
 * `/public/trust/:organizationSlug`, declared public, rate-limited per address and with small bodies. The
 * download link's secret travels in a request body, never in a URL.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ValidationError } from '../../../domain/index.js';
import { actorOf } from '../../authentication.js';
import { asAttachment } from '../../download.js';
import { replyWithPage } from '../../paging.js';
import { publicBaseUrl } from '../../public-url.js';
import type { ApiOptions } from '../index.js';
import { publicRateLimit, routeModule } from '../route.js';
import {
  approvalSchema,
  approveTrustRequestBody,
  downloadBody,
  ndaBody,
  organizationParams,
  problemSchema,
  publicTrustParams,
  publishedTrustPageSchema,
  publishTrustBody,
  reportRequestBody,
  subscribeBody,
  subscribedSchema,
  subscriptionStatusSchema,
  subscriptionTokenBody,
  trustOverviewSchema,
  trustReportBody,
  trustReportContent,
  trustReportQuery,
  trustReportUploaded,
  trustRequestDetail,
  trustRequestList,
  trustRequestParams,
  trustRequestQuery,
  trustRequestSchema,
  trustSnapshotSchema,
} from '../../../contract/index.js';

const TRUST_URL = '/organizations/:organizationId/trust';
const REQUEST_URL = `${TRUST_URL}/requests/:trustRequestId`;
const PUBLIC_URL = '/public/trust/:organizationSlug';
/** A public body is a short form or a link's secret. */
const PUBLIC_BODY_LIMIT = 8 * 1024;

const routes = routeModule('trust', (app, route, { trust, trustSubscriptions }, options) => {
  const rateLimit = publicRateLimit(options);
  const publicRoute = { bodyLimit: PUBLIC_BODY_LIMIT };

  app.get(TRUST_URL, {
    ...route('trust.manage', 'The trust page as its admin sees it: what is published, the NDA in force and the latest report uploaded', {
      params: organizationParams,
      response: { 200: trustOverviewSchema },
    }),
    handler: async (request) => trust.overview(actorOf(request), request.params.organizationId),
  });

  app.put(`${TRUST_URL}/report`, {
    ...route('trust.manage', 'Upload the issued SOC 2 report (a PDF) of an engagement, to share behind the request form', {
      params: organizationParams,
      querystring: trustReportQuery,
      body: z.unknown(),
      response: { 201: trustReportUploaded, 413: problemSchema, 422: problemSchema },
      description: trustReportBody.description,
    }),
    handler: async (request, reply) => {
      const bytes = request.body;
      if (!Buffer.isBuffer(bytes)) throw new ValidationError([{ location: 'body', message: 'send the PDF itself, with Content-Type: application/pdf' }], 'The report must be a PDF');
      const report = await trust.uploadReport(actorOf(request), request.params.organizationId, request.query.engagementId, request.query.fileName, bytes);
      return reply.status(201).send(report);
    },
  });

  app.post(`${TRUST_URL}/nda`, {
    ...route('trust.manage', 'A new version of the NDA requesters accept (its SHA-256 kept with each acceptance); everyone accepts it again', {
      params: organizationParams,
      body: ndaBody,
      response: { 201: z.object({ version: z.number().int(), sha256: z.string() }), 409: problemSchema },
    }),
    handler: async (request, reply) => {
      const nda = await trust.versionNda(actorOf(request), request.params.organizationId, request.body.text);
      return reply.status(201).send({ version: nda.version, sha256: nda.sha256 });
    },
  });

  app.put(`${TRUST_URL}/publication`, {
    ...route('trust.manage', 'Publish a snapshot: the engagement’s categories and period, the chosen control areas with the forecast’s status now, subprocessors and a contact', {
      params: organizationParams,
      body: publishTrustBody,
      response: { 200: trustSnapshotSchema, 422: problemSchema },
    }),
    handler: async (request) => trust.publish(actorOf(request), request.params.organizationId, request.body, publicBaseUrl(request, options.publicUrl)),
  });

  app.delete(`${TRUST_URL}/publication`, {
    ...route('trust.manage', 'Take the trust page down: the public sees nothing, and links stop working until it is published again', {
      params: organizationParams,
      response: { 204: z.null(), 409: problemSchema },
    }),
    handler: async (request, reply) => {
      await trust.unpublish(actorOf(request), request.params.organizationId);
      return reply.status(204).send(null);
    },
  });

  app.get(`${TRUST_URL}/requests`, {
    ...route('trust.manage', 'Requests for the report, newest first', { params: organizationParams, querystring: trustRequestQuery, response: { 200: trustRequestList } }),
    handler: async (request) => replyWithPage(request.query, () => trust.requests(actorOf(request), request.params.organizationId, request.query)),
  });

  app.get(REQUEST_URL, {
    ...route('trust.manage', 'One request with its NDA acceptances and every download (when, from which address)', { params: trustRequestParams, response: { 200: trustRequestDetail } }),
    handler: async (request) => trust.request(actorOf(request), request.params.organizationId, request.params.trustRequestId),
  });

  app.post(`${REQUEST_URL}/approve`, {
    ...route('trust.manage', 'Approve a request: a download link for that many days, mailed to the requester (or, without mail set up, in this response only)', {
      params: trustRequestParams,
      body: approveTrustRequestBody,
      response: { 200: approvalSchema, 409: problemSchema },
    }),
    handler: async (request) =>
      trust.approve(actorOf(request), request.params.organizationId, request.params.trustRequestId, request.body.days, publicBaseUrl(request, options.publicUrl)),
  });

  app.post(`${REQUEST_URL}/reject`, {
    ...route('trust.manage', 'Reject a pending request', { params: trustRequestParams, response: { 200: trustRequestSchema, 409: problemSchema } }),
    handler: async (request) => trust.reject(actorOf(request), request.params.organizationId, request.params.trustRequestId),
  });

  app.post(`${REQUEST_URL}/revoke`, {
    ...route('trust.manage', 'Revoke an approved request’s link: it stops working at once', { params: trustRequestParams, response: { 200: trustRequestSchema, 409: problemSchema } }),
    handler: async (request) => trust.revoke(actorOf(request), request.params.organizationId, request.params.trustRequestId),
  });

  app.get(PUBLIC_URL, {
    ...route('public', 'An organisation’s published trust page (404 when nothing is published, as for an unknown organisation)', {
      params: publicTrustParams,
      response: { 200: publishedTrustPageSchema, 404: problemSchema, 429: problemSchema },
    }, { rateLimit }),
    handler: async (request) => trust.published(request.params.organizationSlug),
  });

  app.post(`${PUBLIC_URL}/requests`, {
    ...publicRoute,
    ...route('public', 'Ask for the report, accepting the NDA version in force (its hash, the time and your address are kept); the admin decides', {
      params: publicTrustParams,
      body: reportRequestBody,
      response: { 202: z.object({ received: z.literal(true) }), 404: problemSchema, 409: problemSchema, 429: problemSchema },
    }, { rateLimit }),
    handler: async (request, reply) => {
      // `acceptNda` is true by the schema: the click-wrap was ticked.
      const { name, company, email, ndaVersion } = request.body;
      await trust.ask(request.params.organizationSlug, { name, company, email, ndaVersion }, request.ip);
      return reply.status(202).send({ received: true });
    },
  });

  app.post(`${PUBLIC_URL}/report`, {
    ...publicRoute,
    ...route('public', 'Download the report with an approved link’s secret (403 once revoked or expired; 409 until a new NDA version is accepted)', {
      params: publicTrustParams,
      body: downloadBody,
      response: { 200: trustReportContent, 403: problemSchema, 404: problemSchema, 409: problemSchema, 429: problemSchema },
    }, { rateLimit }),
    handler: async (request, reply) => {
      const { fileName, content } = await trust.download(request.params.organizationSlug, request.body.token, request.ip, request.body.acceptNdaVersion ?? null);
      const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
      return asAttachment(reply, ascii).type('application/pdf').header('x-content-type-options', 'nosniff').send(Buffer.from(content));
    },
  });

  app.post(`${PUBLIC_URL}/subscriptions`, {
    ...publicRoute,
    ...route('public', 'Subscribe to the page’s changes (a new report, a changed subprocessor list): an e-mail address gets a confirm link and nothing else until it is followed; a webhook (https, public address) is active at once and its signing secret is in this answer only', {
      params: publicTrustParams,
      body: subscribeBody,
      response: { 201: subscribedSchema, 202: subscribedSchema, 404: problemSchema, 409: problemSchema, 429: problemSchema },
    }, { rateLimit }),
    handler: async (request, reply) => {
      const subscribed = await trustSubscriptions.subscribe(request.params.organizationSlug, request.body, publicBaseUrl(request, options.publicUrl));
      return reply.status(subscribed.kind === 'email' ? 202 : 201).send(subscribed);
    },
  });

  const links = {
    confirm: 'Confirm an e-mail subscription with the secret of its confirm link',
    unsubscribe: 'Cancel a subscription with the secret of an e-mail’s unsubscribe link, or the one a webhook was given',
  } as const;
  for (const [action, summary] of Object.entries(links) as [keyof typeof links, string][]) {
    app.post(`${PUBLIC_URL}/subscriptions/${action}`, {
      ...publicRoute,
      ...route('public', summary, {
        params: publicTrustParams,
        body: subscriptionTokenBody,
        response: { 200: subscriptionStatusSchema, 404: problemSchema, 409: problemSchema, 429: problemSchema },
      }, { rateLimit }),
      handler: async (request) => trustSubscriptions[action](request.params.organizationSlug, request.body.token),
    });
  }
});

export async function trustRoutes(fastify: FastifyInstance, options: ApiOptions): Promise<void> {
  // The report arrives as its bytes, within the evidence store's limit (413 above it, nothing kept).
  fastify.addContentTypeParser('application/pdf', { parseAs: 'buffer', bodyLimit: options.services.trust.maxBytes }, (_request, body, done) => done(null, body));
  await routes(fastify, options);
}
