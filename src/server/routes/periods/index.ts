/** Periods of an engagement: the next one, two side by side, and the forecast after remediation. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../authentication.js';
import { afterRemediationSchema, comparisonQuery, comparisonSchema, engagementParams, engagementSchema, reExaminationBody } from '../../../contract/index.js';
import type { ApiOptions } from '../index.js';

const ENGAGEMENT_URL = '/organizations/:organizationId/engagements/:engagementId';

export async function periodRoutes(fastify: FastifyInstance, options: ApiOptions): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { periods } = options.services;
  const tags = ['periods'];

  app.post(`${ENGAGEMENT_URL}/re-examination`, {
    config: { permission: 'engagement.manage' },
    schema: {
      tags,
      summary: 'Open the next period: a new engagement with the controls and test methods carried forward, no evidence',
      description: 'The new period must start after this one ends (422 naming $.periodStart otherwise).',
      params: engagementParams,
      body: reExaminationBody,
      response: { 201: engagementSchema },
    },
    handler: async (request, reply) => {
      const { organizationId, engagementId } = request.params;
      return reply.status(201).send(await periods.reExamine(actorOf(request), organizationId, engagementId, request.body));
    },
  });

  app.get(`${ENGAGEMENT_URL}/comparison`, {
    config: { permission: 'examination.read' },
    schema: {
      tags,
      summary: 'Two periods side by side: criteria, controls and opinion, the earlier first (by default against the previous period)',
      params: engagementParams,
      querystring: comparisonQuery,
      response: { 200: comparisonSchema },
    },
    handler: async (request) => {
      const { organizationId, engagementId } = request.params;
      return periods.compare(actorOf(request), organizationId, engagementId, request.query.with);
    },
  });

  app.get(`${ENGAGEMENT_URL}/examination/after-remediation`, {
    config: { permission: 'examination.read' },
    schema: {
      tags,
      summary: "The forecast if every control closed by a passing retest operated as its retest found; the period's own stays as found",
      params: engagementParams,
      response: { 200: afterRemediationSchema },
    },
    handler: async (request) => {
      const { organizationId, engagementId } = request.params;
      return periods.afterRemediation(actorOf(request), organizationId, engagementId);
    },
  });
}
