/** Periods of an engagement: the next one, two side by side, and the forecast after remediation. */
import { ENGAGEMENT_URL, inEngagement } from '../../engagement-request.js';
import { afterRemediationSchema, comparisonQuery, comparisonSchema, engagementParams, engagementSchema, reExaminationBody } from '../../../contract/index.js';
import { routeModule } from '../route.js';

export const periodRoutes = routeModule('periods', (app, route, { periods }) => {
  app.post(`${ENGAGEMENT_URL}/re-examination`, {
    ...route('engagement.manage', 'Open the next period: a new engagement with the controls and test methods carried forward, no evidence', {
      description: 'The new period must start after this one ends (422 naming $.periodStart otherwise).',
      params: engagementParams,
      body: reExaminationBody,
      response: { 201: engagementSchema },
    }),
    handler: async (request, reply) => {
      return reply.status(201).send(await periods.reExamine(...inEngagement(request), request.body));
    },
  });

  app.get(`${ENGAGEMENT_URL}/comparison`, {
    ...route('examination.read', 'Two periods side by side: criteria, controls and opinion, the earlier first (by default against the previous period)',
      { params: engagementParams, querystring: comparisonQuery, response: { 200: comparisonSchema } }),
    handler: async (request) => periods.compare(...inEngagement(request), request.query.with),
  });

  app.get(`${ENGAGEMENT_URL}/examination/after-remediation`, {
    ...route('examination.read', "The forecast if every control closed by a passing retest operated as its retest found; the period's own stays as found",
      { params: engagementParams, response: { 200: afterRemediationSchema } }),
    handler: async (request) => periods.afterRemediation(...inEngagement(request)),
  });
});
