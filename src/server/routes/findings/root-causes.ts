/** Root causes of an engagement, with the findings traced to them, and the systemic ones ranked; one written on its own. */
import { ENGAGEMENT_URL, inEngagement } from '../../engagement-request.js';
import { createdRootCause, createRootCauseBody, engagementParams, pageQuery, rootCauseList, systemicCauseList } from '../../../contract/index.js';
import { replyWithPage } from '../../paging.js';
import { routeModule } from '../route.js';

const path = `${ENGAGEMENT_URL}/root-causes`;

export const rootCauseRoutes = routeModule('findings', (app, route, { findings }) => {
  app.get(path, {
    ...route('finding.read', 'A page of the root causes in code order, each with the findings traced to it',
      { params: engagementParams, querystring: pageQuery, response: { 200: rootCauseList } }),
    handler: async (request) => {
      return replyWithPage(request.query, (page) => findings.rootCauses(...inEngagement(request), page));
    },
  });

  app.post(path, {
    ...route('finding.manage', 'Write a root cause on its own, for findings to be traced to later; the code defaults to the next RC-<n> (409 when the code is in use)',
      { params: engagementParams, body: createRootCauseBody, response: { 201: createdRootCause } }),
    handler: async (request, reply) => {
      const { id, ...cause } = request.body;
      const created = await findings.createRootCause(...inEngagement(request), { ...cause, ...(id !== undefined && { id }) });
      return reply.code(201).send(created);
    },
  });

  app.get(`${path}/systemic`, {
    ...route('finding.read', 'A page of the root causes ranked by the findings, then the criteria, they touch (false positives left out); shared ones are systemic',
      { params: engagementParams, querystring: pageQuery, response: { 200: systemicCauseList } }),
    handler: async (request) => {
      return replyWithPage(request.query, (page) => findings.systemicCauses(...inEngagement(request), page));
    },
  });
});
