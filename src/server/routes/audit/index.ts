/** The audit log: an organisation's events, and one control's history. */
import { actorOf } from '../../authentication.js';
import { auditEventList, auditEventParams, auditEventSchema, auditHeadSchema, auditQuery, controlHistoryQuery, controlParams, organizationParams } from '../../../contract/index.js';
import { ENGAGEMENT_URL } from '../../engagement-request.js';
import { routeModule } from '../route.js';

export const auditRoutes = routeModule('audit', (app, route, { auditEvents, integrity }) => {
  app.get('/organizations/:organizationId/audit-events', {
    ...route('audit.read', "The organisation's audit events, newest first, by type or subject",
      { params: organizationParams, querystring: auditQuery, response: { 200: auditEventList } }),
    handler: async (request) => {
      const { limit, offset, type, subject } = request.query;
      const page = await auditEvents.list(actorOf(request), request.params.organizationId, {
        limit,
        offset,
        ...(type !== undefined && { type }),
        ...(subject !== undefined && { subject }),
      });
      return { ...page, limit, offset };
    },
  });

  app.get('/organizations/:organizationId/audit-events/:seq', {
    ...route('audit.read', 'One event of the organisation, whole (a list leaves out payloads past its size budget)',
      { params: auditEventParams, response: { 200: auditEventSchema } }),
    handler: async (request) => auditEvents.get(actorOf(request), request.params.organizationId, request.params.seq),
  });

  app.get('/organizations/:organizationId/audit/head', {
    ...route('audit.read', "The audit chain's head and latest signed checkpoint, to note outside the system", {
      description: 'The chain is one for the whole installation, so these are its numbers, not this organisation\'s: a later `assay verify --expect-head SEQ:HASH` proves that no event up to SEQ was changed or deleted since.', params: organizationParams, response: { 200: auditHeadSchema },
    }),
    handler: async (request) => integrity.head(actorOf(request), request.params.organizationId),
  });

  app.get(`${ENGAGEMENT_URL}/controls/:controlId/audit-events`, {
    ...route('audit.read', "A control's history: its own events and those of its test and samples, newest first",
      { params: controlParams, querystring: controlHistoryQuery, response: { 200: auditEventList } }),
    handler: async (request) => {
      const { organizationId, engagementId, controlId } = request.params;
      const { limit, offset, type } = request.query;
      const page = await auditEvents.controlHistory(actorOf(request), organizationId, engagementId, controlId, {
        limit,
        offset,
        ...(type !== undefined && { type }),
      });
      return { ...page, limit, offset };
    },
  });
});
