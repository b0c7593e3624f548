/**
 * Engagements of an organisation: one examination of one system for one period, with its settings. DELETE
 * archives (the work is evidence: it is kept, read-only); an admin restores, or purges after the whole record is
 * written into the audit log.
 */
import { actorOf } from '../../authentication.js';
import { ENGAGEMENT_URL, inEngagement } from '../../engagement-request.js';
import { asAttachment } from '../../download.js';
import { replyWithPage } from '../../paging.js';
import { routeModule } from '../route.js';
import { createEngagementBody, engagementList, engagementParams, engagementQuery, engagementRecordSchema, engagementSchema, organizationParams, purgedSchema, updateEngagementBody, versionBody, versionQuery } from '../../../contract/index.js';

export const engagementRoutes = routeModule('engagements', (app, route, { engagements, archive }) => {
  app.get('/organizations/:organizationId/engagements', {
    ...route('engagement.read', 'Engagements in use (or archived ones, `archived=include|only`), newest period first, by report type or text in the name or system',
      { params: organizationParams, querystring: engagementQuery, response: { 200: engagementList } }),
    handler: async (request) => {
      const { reportType, q, archived } = request.query;
      return replyWithPage(request.query, (page) =>
        engagements.list(actorOf(request), request.params.organizationId, {
          ...page,
          ...(reportType !== undefined && { reportType }),
          ...(archived !== undefined && { archived }),
          ...(q !== undefined && { search: q }),
        }),
      );
    },
  });

  app.post('/organizations/:organizationId/engagements', {
    ...route('engagement.manage', 'Create an engagement',
      { params: organizationParams, body: createEngagementBody, response: { 201: engagementSchema } }),
    handler: async (request, reply) =>
      reply.status(201).send(await engagements.create(actorOf(request), request.params.organizationId, request.body)),
  });

  app.get(ENGAGEMENT_URL, {
    ...route('engagement.read', 'One engagement', { params: engagementParams, response: { 200: engagementSchema } }),
    handler: async (request) => engagements.get(actorOf(request), request.params.organizationId, request.params.engagementId),
  });

  app.patch(ENGAGEMENT_URL, {
    ...route('engagement.manage', "Change an engagement's settings (409 when `version` is stale or the engagement is archived)",
      { params: engagementParams, body: updateEngagementBody, response: { 200: engagementSchema } }),
    handler: async (request) => {
      const { version, ...patch } = request.body;
      return engagements.update(...inEngagement(request), version, patch);
    },
  });

  app.delete(ENGAGEMENT_URL, {
    ...route('engagement.manage', 'Archive an engagement: its work is kept, read-only, out of the default list (409 when `version` is stale)', {
      description: 'Nothing is deleted: an admin restores it (`POST …/restore`) or purges it (`POST …/purge`).',
      params: engagementParams,
      querystring: versionQuery,
      response: { 200: engagementSchema },
    }),
    handler: async (request) => archive.archiveEngagement(...inEngagement(request), request.query.version),
  });

  app.post(`${ENGAGEMENT_URL}/restore`, {
    ...route('archive.restore', 'Restore an archived engagement (409 when `version` is stale or it is not archived)',
      { params: engagementParams, body: versionBody, response: { 200: engagementSchema } }),
    handler: async (request) => archive.restoreEngagement(...inEngagement(request), request.body.version),
  });

  app.post(`${ENGAGEMENT_URL}/purge`, {
    ...route('archive.purge', 'Delete an archived engagement, after writing its whole record into the audit event `engagement.purged`', {
      description: '409 when `version` is stale, the engagement is not archived, or its record is larger than an audit event holds (8 MB): then nothing is deleted.',
      params: engagementParams,
      body: versionBody,
      response: { 200: purgedSchema },
    }),
    handler: async (request) => archive.purgeEngagement(...inEngagement(request), request.body.version),
  });

  app.get(`${ENGAGEMENT_URL}/export`, {
    ...route('examination.read', "An engagement's whole record, archived or not, as a purge keeps it (a JSON download)", {
      description:
        'Its settings, the workspace (examination, findings, root causes, management responses), its archived controls and its corrective action plan. ' +
        '413 when the record is larger than an export gives (32 MB of canonical JSON), naming its size and the limit.',
      params: engagementParams,
      response: { 200: engagementRecordSchema },
    }),
    handler: async (request, reply) => {
      const record = await archive.exportEngagement(...inEngagement(request));
      return asAttachment(reply, `engagement-${record.engagement.id}-record.json`).send(record);
    },
  });
});
