/** Findings of an engagement, by their code in it (e.g. F-AC-04, URL-encoded). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../authentication.js';
import { correctiveActionsBody, createFindingBody, engagementParams, findingList, findingParams, findingQuery, findingSchema, overrideBody, retestBody, rootCauseBody, syncResult, transitionBody, versionQuery } from '../../../contract/index.js';
import type { ApiOptions } from '../index.js';

const path = '/organizations/:organizationId/engagements/:engagementId/findings';

export async function findingRoutes(fastify: FastifyInstance, options: ApiOptions): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { findings } = options.services;
  const tags = ['findings'];

  app.get(path, {
    config: { permission: 'finding.read' },
    schema: {
      tags,
      summary: 'A page of the findings in code order, by status and control (an accepted risk past its expiry is open)',
      params: engagementParams,
      querystring: findingQuery,
      response: { 200: findingList },
    },
    handler: async (request) => {
      const { organizationId, engagementId } = request.params;
      const { status, control, limit, offset } = request.query;
      const page = await findings.list(actorOf(request), organizationId, engagementId, {
        limit,
        offset,
        ...(status !== undefined && { status }),
        ...(control !== undefined && { control }),
      });
      return { ...page, limit, offset };
    },
  });

  app.post(path, {
    config: { permission: 'finding.manage' },
    schema: {
      tags,
      summary: "Create a finding: from a control's deficiency in the current examination (409 when it has none or its finding exists), or recorded by hand",
      params: engagementParams,
      body: createFindingBody,
      response: { 201: findingSchema },
    },
    handler: async (request, reply) => {
      const { organizationId, engagementId } = request.params;
      const created = await findings.create(actorOf(request), organizationId, engagementId, request.body);
      return reply.code(201).send(created);
    },
  });

  app.post(`${path}/sync`, {
    config: { permission: 'finding.manage' },
    schema: {
      tags,
      summary: 'One finding per deficiency of the current examination (idempotent); closed findings whose deficiency returned are reopened',
      params: engagementParams,
      response: { 200: syncResult },
    },
    handler: async (request) => {
      const { organizationId, engagementId } = request.params;
      return findings.syncFromExamination(actorOf(request), organizationId, engagementId);
    },
  });

  app.get(`${path}/:findingCode`, {
    config: { permission: 'finding.read' },
    schema: { tags, summary: 'One finding', params: findingParams, response: { 200: findingSchema } },
    handler: async (request) => {
      const { organizationId, engagementId, findingCode } = request.params;
      return findings.get(actorOf(request), organizationId, engagementId, findingCode);
    },
  });

  app.post(`${path}/:findingCode/transitions`, {
    config: { permission: 'finding.manage' },
    schema: {
      tags,
      summary: 'One step of the lifecycle (409 with the reasons when the step is not allowed, e.g. closing without a passing retest)',
      params: findingParams,
      body: transitionBody,
      response: { 200: findingSchema },
    },
    handler: async (request) => {
      const { organizationId, engagementId, findingCode } = request.params;
      const { version, to, reason, riskAcceptance, falsePositiveReason } = request.body;
      return findings.transition(actorOf(request), organizationId, engagementId, findingCode, version, to, {
        ...(reason !== undefined && { reason }),
        ...(riskAcceptance !== undefined && { riskAcceptance }),
        ...(falsePositiveReason !== undefined && { falsePositiveReason }),
      });
    },
  });

  app.put(`${path}/:findingCode/corrective-actions`, {
    config: { permission: 'finding.remediate' },
    schema: {
      tags,
      summary: 'Replace the corrective actions; an owner may do so only for findings on the controls it owns',
      params: findingParams,
      body: correctiveActionsBody,
      response: { 200: findingSchema },
    },
    handler: async (request) => {
      const { organizationId, engagementId, findingCode } = request.params;
      const { version, actions } = request.body;
      return findings.updateCorrectiveActions(actorOf(request), organizationId, engagementId, findingCode, version, actions);
    },
  });

  app.post(`${path}/:findingCode/retests`, {
    config: { permission: 'finding.manage' },
    schema: {
      tags,
      summary: "Record a retest of the control after the fix, with the engine's conclusion on its samples",
      params: findingParams,
      body: retestBody,
      response: { 200: findingSchema },
    },
    handler: async (request) => {
      const { organizationId, engagementId, findingCode } = request.params;
      const { version, id, control, ...retest } = request.body;
      return findings.recordRetest(actorOf(request), organizationId, engagementId, findingCode, version, {
        ...retest,
        ...(id !== undefined && { id }),
        ...(control !== undefined && { control }),
      });
    },
  });

  app.put(`${path}/:findingCode/root-cause`, {
    config: { permission: 'finding.manage' },
    schema: {
      tags,
      summary:
        'Trace the finding to a root cause of the engagement (written under its code, shared by findings naming it); rewriting an existing code needs its rootCauseVersion (409 when missing or stale)',
      params: findingParams,
      body: rootCauseBody,
      response: { 200: findingSchema },
    },
    handler: async (request) => {
      const { organizationId, engagementId, findingCode } = request.params;
      const { version, rootCauseVersion, ...rootCause } = request.body;
      return findings.setRootCause(actorOf(request), organizationId, engagementId, findingCode, version, rootCause, rootCauseVersion);
    },
  });

  app.put(`${path}/:findingCode/override`, {
    config: { permission: 'finding.judge' },
    schema: {
      tags,
      summary: "Record the auditor's judgment (severity and/or pervasiveness, with the reason) beside the engine's forecast",
      params: findingParams,
      body: overrideBody,
      response: { 200: findingSchema },
    },
    handler: async (request) => {
      const { organizationId, engagementId, findingCode } = request.params;
      const { version, ...override } = request.body;
      return findings.override(actorOf(request), organizationId, engagementId, findingCode, version, override);
    },
  });

  app.delete(`${path}/:findingCode/override`, {
    config: { permission: 'finding.judge' },
    schema: {
      tags,
      summary: "Withdraw the auditor's override: the engine's forecast stands alone",
      params: findingParams,
      querystring: versionQuery,
      response: { 200: findingSchema },
    },
    handler: async (request) => {
      const { organizationId, engagementId, findingCode } = request.params;
      return findings.withdrawOverride(actorOf(request), organizationId, engagementId, findingCode, request.query.version);
    },
  });
}
