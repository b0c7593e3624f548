/** Period coverage: the occurrences each periodic control owes over the period, and the evidence covering them. */
import { controlCoverageSchema, controlParams, engagementCoverageSchema, engagementParams } from '../../../contract/index.js';
import { ENGAGEMENT_URL, inEngagement } from '../../engagement-request.js';
import { routeModule } from '../route.js';

export const coverageRoutes = routeModule('coverage', (app, route, { coverage }) => {
  app.get(`${ENGAGEMENT_URL}/coverage`, {
    ...route('examination.read', "Period coverage: every control's occurrences over the period, evidenced or missing", {
      params: engagementParams,
      response: { 200: engagementCoverageSchema },
    }),
    handler: async (request) => coverage.engagement(...inEngagement(request)),
  });

  app.get(`${ENGAGEMENT_URL}/controls/:controlId/coverage`, {
    ...route('examination.read', "One control's occurrences over the period, with the evidence covering each", {
      params: controlParams,
      response: { 200: controlCoverageSchema },
    }),
    handler: async (request) => coverage.control(...inEngagement(request), request.params.controlId),
  });
});
