/** Engagements of an organisation: one examination of one system for one period, with its settings. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../authentication.js';
import type { ApiOptions } from '../index.js';
import { createEngagementBody, engagementList, engagementParams, engagementQuery, engagementSchema, organizationParams, updateEngagementBody, versionQuery } from '../../../contract/index.js';

export async function engagementRoutes(fastify: FastifyInstance, options: ApiOptions): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { engagements } = options.services;
  const tags = ['engagements'];

  app.get('/organizations/:organizationId/engagements', {
    config: { permission: 'engagement.read' },
    schema: {
      tags,
      summary: 'Engagements, newest period first, by report type or text in the name or system',
      params: organizationParams,
      querystring: engagementQuery,
      response: { 200: engagementList },
    },
    handler: async (request) => {
      const { limit, offset, reportType, q } = request.query;
      const page = await engagements.list(actorOf(request), request.params.organizationId, {
        limit,
        offset,
        ...(reportType !== undefined && { reportType }),
        ...(q !== undefined && { search: q }),
      });
      return { ...page, limit, offset };
    },
  });

  app.post('/organizations/:organizationId/engagements', {
    config: { permission: 'engagement.manage' },
    schema: {
      tags,
      summary: 'Create an engagement',
      params: organizationParams,
      body: createEngagementBody,
      response: { 201: engagementSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await engagements.create(actorOf(request), request.params.organizationId, request.body)),
  });

  app.get('/organizations/:organizationId/engagements/:engagementId', {
    config: { permission: 'engagement.read' },
    schema: { tags, summary: 'One engagement', params: engagementParams, response: { 200: engagementSchema } },
    handler: async (request) => engagements.get(actorOf(request), request.params.organizationId, request.params.engagementId),
  });

  app.patch('/organizations/:organizationId/engagements/:engagementId', {
    config: { permission: 'engagement.manage' },
    schema: {
      tags,
      summary: "Change an engagement's settings (409 when `version` is stale)",
      params: engagementParams,
      body: updateEngagementBody,
      response: { 200: engagementSchema },
    },
    handler: async (request) => {
      const { version, ...patch } = request.body;
      const { organizationId, engagementId } = request.params;
      return engagements.update(actorOf(request), organizationId, engagementId, version, patch);
    },
  });

  app.delete('/organizations/:organizationId/engagements/:engagementId', {
    config: { permission: 'engagement.manage' },
    schema: {
      tags,
      summary: 'Delete an engagement with its controls, tests and samples (409 when `version` is stale)',
      params: engagementParams,
      querystring: versionQuery,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      const { organizationId, engagementId } = request.params;
      await engagements.remove(actorOf(request), organizationId, engagementId, request.query.version);
      return reply.status(204).send(null);
    },
  });
}
