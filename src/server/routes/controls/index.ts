/** Controls of an engagement, by their id in it (e.g. AC-04, URL-encoded). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../authentication.js';
import { controlList, controlParams, controlQuery, controlSchema, createControlBody, engagementParams, updateControlBody, versionQuery } from '../../../contract/index.js';
import { sendJson, serializedOnce } from '../examination/json-body.js';
import type { ApiOptions } from '../index.js';

export async function controlRoutes(fastify: FastifyInstance, options: ApiOptions): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { controls } = options.services;
  const serializedPage = serializedOnce(controlList);
  const tags = ['controls'];

  app.get('/organizations/:organizationId/engagements/:engagementId/controls', {
    config: { permission: 'control.read' },
    schema: {
      tags,
      summary: 'Controls in their order, each with its conclusion; by criterion, owner, text or conclusion',
      params: engagementParams,
      querystring: controlQuery,
      response: { 200: controlList },
    },
    handler: async (request, reply) => {
      const { limit, offset, criterion, owner, q, conclusion } = request.query;
      const { organizationId, engagementId } = request.params;
      const page = await controls.list(actorOf(request), organizationId, engagementId, {
        limit,
        offset,
        ...(criterion !== undefined && { criterion }),
        ...(owner !== undefined && { owner }),
        ...(q !== undefined && { search: q }),
        ...(conclusion !== undefined && { conclusion }),
      });
      // The service hands out the same page while the engagement is unchanged (its key holds limit and
      // offset too): serialize it once.
      return sendJson(reply, serializedPage(page, (p) => ({ ...p, limit, offset })));
    },
  });

  app.post('/organizations/:organizationId/engagements/:engagementId/controls', {
    config: { permission: 'control.manage' },
    schema: {
      tags,
      summary: 'Add a control after the last one',
      params: engagementParams,
      body: createControlBody,
      response: { 201: controlSchema },
    },
    handler: async (request, reply) => {
      const { organizationId, engagementId } = request.params;
      return reply.status(201).send(await controls.create(actorOf(request), organizationId, engagementId, request.body));
    },
  });

  app.get('/organizations/:organizationId/engagements/:engagementId/controls/:controlId', {
    config: { permission: 'control.read' },
    schema: { tags, summary: 'One control', params: controlParams, response: { 200: controlSchema } },
    handler: async (request) => {
      const { organizationId, engagementId, controlId } = request.params;
      return controls.get(actorOf(request), organizationId, engagementId, controlId);
    },
  });

  app.patch('/organizations/:organizationId/engagements/:engagementId/controls/:controlId', {
    config: { permission: 'control.update' },
    schema: {
      tags,
      summary: 'Change a control (409 when `version` is stale); an owner may change only the controls it owns',
      params: controlParams,
      body: updateControlBody,
      response: { 200: controlSchema },
    },
    handler: async (request) => {
      const { organizationId, engagementId, controlId } = request.params;
      const { version, ...patch } = request.body;
      return controls.update(actorOf(request), organizationId, engagementId, controlId, version, patch);
    },
  });

  app.delete('/organizations/:organizationId/engagements/:engagementId/controls/:controlId', {
    config: { permission: 'control.manage' },
    schema: {
      tags,
      summary: 'Delete a control with its test (409 when `version` is stale or another control compensates it)',
      params: controlParams,
      querystring: versionQuery,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      const { organizationId, engagementId, controlId } = request.params;
      await controls.remove(actorOf(request), organizationId, engagementId, controlId, request.query.version);
      return reply.status(204).send(null);
    },
  });
}
