/** Findings of an engagement, by their code in it (e.g. F-AC-04, URL-encoded). */
import { ENGAGEMENT_URL, inEngagement } from '../../engagement-request.js';
import { correctiveActionsBody, createFindingBody, engagementParams, findingList, findingParams, findingQuery, findingSchema, findingStepsSchema, overrideBody, retestBody, rootCauseBody, syncResult, transitionBody, versionQuery } from '../../../contract/index.js';
import { replyWithPage } from '../../paging.js';
import { routeModule } from '../route.js';

const path = `${ENGAGEMENT_URL}/findings`;

export const findingRoutes = routeModule('findings', (app, route, { findings }) => {
  app.get(path, {
    ...route('finding.read', 'A page of the findings in code order, by status and control (an accepted risk past its expiry is open)',
      { params: engagementParams, querystring: findingQuery, response: { 200: findingList } }),
    handler: async (request) => {
      const { status, control } = request.query;
      return replyWithPage(request.query, (page) =>
        findings.list(...inEngagement(request), {
          ...page,
          ...(status !== undefined && { status }),
          ...(control !== undefined && { control }),
        }),
      );
    },
  });

  app.post(path, {
    ...route('finding.manage', "Create a finding: from a control's deficiency in the current examination (409 when it has none or its finding exists), or recorded by hand",
      { params: engagementParams, body: createFindingBody, response: { 201: findingSchema } }),
    handler: async (request, reply) => {
      const created = await findings.create(...inEngagement(request), request.body);
      return reply.code(201).send(created);
    },
  });

  app.post(`${path}/sync`, {
    ...route('finding.manage', 'One finding per deficiency of the current examination (idempotent); closed findings whose deficiency returned are reopened',
      { params: engagementParams, response: { 200: syncResult } }),
    handler: async (request) => findings.syncFromExamination(...inEngagement(request)),
  });

  app.get(`${path}/:findingCode`, {
    ...route('finding.read', 'One finding', { params: findingParams, response: { 200: findingSchema } }),
    handler: async (request) => findings.get(...inEngagement(request), request.params.findingCode),
  });

  app.get(`${path}/:findingCode/steps`, {
    ...route('finding.read', "The finding's lifecycle steps, oldest first, each with who took it from the audit log (null: imported, or an acceptance that lapsed)",
      { params: findingParams, response: { 200: findingStepsSchema } }),
    handler: async (request) => findings.steps(...inEngagement(request), request.params.findingCode),
  });

  app.post(`${path}/:findingCode/transitions`, {
    ...route('finding.manage', 'One step of the lifecycle (409 with the reasons when the step is not allowed, e.g. closing without a passing retest)',
      { params: findingParams, body: transitionBody, response: { 200: findingSchema } }),
    handler: async (request) => {
      const { findingCode } = request.params;
      const { version, to, reason, riskAcceptance, falsePositiveReason } = request.body;
      return findings.transition(...inEngagement(request), findingCode, version, to, {
        ...(reason !== undefined && { reason }),
        ...(riskAcceptance !== undefined && { riskAcceptance }),
        ...(falsePositiveReason !== undefined && { falsePositiveReason }),
      });
    },
  });

  app.put(`${path}/:findingCode/corrective-actions`, {
    ...route(
      'finding.remediate',
      'Replace the corrective actions; an owner may do so only for findings on the controls it owns. 422 naming the field: an owner who is not a member, a completion date in the future, done without evidence, a due date before the finding was identified without dueBeforeIdentifiedReason',
      { params: findingParams, body: correctiveActionsBody, response: { 200: findingSchema } },
    ),
    handler: async (request) => {
      const { findingCode } = request.params;
      const { version, actions, dueBeforeIdentifiedReason } = request.body;
      return findings.updateCorrectiveActions(...inEngagement(request), findingCode, version, actions, {
        ...(dueBeforeIdentifiedReason !== undefined && { dueBeforeIdentifiedReason }),
      });
    },
  });

  app.post(`${path}/:findingCode/retests`, {
    ...route('finding.manage', "Record a retest of the control after the fix, with the engine's conclusion on its samples",
      { params: findingParams, body: retestBody, response: { 200: findingSchema } }),
    handler: async (request) => {
      const { findingCode } = request.params;
      const { version, id, control, ...retest } = request.body;
      return findings.recordRetest(...inEngagement(request), findingCode, version, {
        ...retest,
        ...(id !== undefined && { id }),
        ...(control !== undefined && { control }),
      });
    },
  });

  app.put(`${path}/:findingCode/root-cause`, {
    ...route('finding.manage', 'Trace the finding to a root cause of the engagement (written under its code, shared by findings naming it); rewriting an existing code needs its rootCauseVersion (409 when missing or stale)',
      { params: findingParams, body: rootCauseBody, response: { 200: findingSchema } }),
    handler: async (request) => {
      const { findingCode } = request.params;
      const { version, rootCauseVersion, ...rootCause } = request.body;
      return findings.setRootCause(...inEngagement(request), findingCode, version, rootCause, rootCauseVersion);
    },
  });

  app.put(`${path}/:findingCode/override`, {
    ...route('finding.judge', "Record the auditor's judgment (severity and/or pervasiveness, with the reason) beside the engine's forecast",
      { params: findingParams, body: overrideBody, response: { 200: findingSchema } }),
    handler: async (request) => {
      const { findingCode } = request.params;
      const { version, ...override } = request.body;
      return findings.override(...inEngagement(request), findingCode, version, override);
    },
  });

  app.delete(`${path}/:findingCode/override`, {
    ...route('finding.judge', "Withdraw the auditor's override: the engine's forecast stands alone",
      { params: findingParams, querystring: versionQuery, response: { 200: findingSchema } }),
    handler: async (request) => findings.withdrawOverride(...inEngagement(request), request.params.findingCode, request.query.version),
  });
});
