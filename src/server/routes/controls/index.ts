/**
 * Controls of an engagement, by their id in it (e.g. AC-04, URL-encoded). DELETE archives: the control leaves
 * the examination but its work is kept, read-only; an admin restores or purges it.
 */
import { ENGAGEMENT_URL, inEngagement } from '../../engagement-request.js';
import { controlList, controlParams, controlQuery, controlSchema, createControlBody, engagementParams, purgedSchema, updateControlBody, versionBody, versionQuery } from '../../../contract/index.js';
import { sendJson, serializedOnce } from '../examination/json-body.js';
import { routeModule } from '../route.js';

const CONTROL_URL = `${ENGAGEMENT_URL}/controls/:controlId`;

export const controlRoutes = routeModule('controls', (app, route, { controls, archive }) => {
  const serializedPage = serializedOnce(controlList);

  app.get(`${ENGAGEMENT_URL}/controls`, {
    ...route('control.read', 'Controls in use (or archived ones, `archived=include|only`) in their order, each with its conclusion; by criterion, owner, text or conclusion',
      { params: engagementParams, querystring: controlQuery, response: { 200: controlList } }),
    handler: async (request, reply) => {
      const { limit, offset, criterion, owner, q, conclusion, archived } = request.query;
      const page = await controls.list(...inEngagement(request), {
        limit,
        offset,
        ...(criterion !== undefined && { criterion }),
        ...(owner !== undefined && { owner }),
        ...(q !== undefined && { search: q }),
        ...(conclusion !== undefined && { conclusion }),
        ...(archived !== undefined && { archived }),
      }, request.engagementKey);
      // The service hands out the same page while the engagement is unchanged (its key holds limit and
      // offset too): serialize it once.
      return sendJson(reply, serializedPage(page, (p) => ({ ...p, limit, offset })));
    },
  });

  app.post(`${ENGAGEMENT_URL}/controls`, {
    ...route('control.manage', 'Add a control after the last one',
      { params: engagementParams, body: createControlBody, response: { 201: controlSchema } }),
    handler: async (request, reply) => {
      return reply.status(201).send(await controls.create(...inEngagement(request), request.body));
    },
  });

  app.get(CONTROL_URL, {
    ...route('control.read', 'One control', { params: controlParams, response: { 200: controlSchema } }),
    handler: async (request) => controls.get(...inEngagement(request), request.params.controlId),
  });

  app.patch(CONTROL_URL, {
    ...route('control.update', 'Change a control (409 when `version` is stale or it is archived); an owner may change only the controls it owns',
      { params: controlParams, body: updateControlBody, response: { 200: controlSchema } }),
    handler: async (request) => {
      const { controlId } = request.params;
      const { version, ...patch } = request.body;
      return controls.update(...inEngagement(request), controlId, version, patch);
    },
  });

  app.delete(CONTROL_URL, {
    ...route('control.manage', 'Archive a control: out of the examination, its test kept read-only (409 when `version` is stale or another control compensates it)',
      { params: controlParams, querystring: versionQuery, response: { 200: controlSchema } }),
    handler: async (request) => archive.archiveControl(...inEngagement(request), request.params.controlId, request.query.version),
  });

  app.post(`${CONTROL_URL}/restore`, {
    ...route('archive.restore', 'Restore an archived control (409 when `version` is stale, it is not archived, or a control it compensates is not in use)',
      { params: controlParams, body: versionBody, response: { 200: controlSchema } }),
    handler: async (request) => archive.restoreControl(...inEngagement(request), request.params.controlId, request.body.version),
  });

  app.post(`${CONTROL_URL}/purge`, {
    ...route('archive.purge', 'Delete an archived control, after writing it with its test and samples into the audit event `control.purged`', {
      description: '409 when `version` is stale, the control is not archived, another control compensates it, or its record is larger than an audit event holds (8 MB).',
      params: controlParams,
      body: versionBody,
      response: { 200: purgedSchema },
    }),
    handler: async (request) => archive.purgeControl(...inEngagement(request), request.params.controlId, request.body.version),
  });
});
