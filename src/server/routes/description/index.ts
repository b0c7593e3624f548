/** The system description of an engagement, and the mark that makes a finding a significant incident it must disclose. */
import { descriptionBody, descriptionView, engagementParams, incidentMark, incidentMarkBody, incidentMarkParams } from '../../../contract/index.js';
import { ENGAGEMENT_URL, inEngagement } from '../../engagement-request.js';
import { routeModule } from '../route.js';

export const descriptionRoutes = routeModule('description', (app, route, { description }) => {
  app.get(`${ENGAGEMENT_URL}/description`, {
    ...route('description.read', 'The system description with its completeness warnings, the significant incidents found and the description opinion', {
      params: engagementParams,
      response: { 200: descriptionView },
    }),
    handler: async (request) => description.get(...inEngagement(request)),
  });

  app.put(`${ENGAGEMENT_URL}/description`, {
    ...route('description.edit', 'Record the whole system description at the version read (0 for the first; 409 when stale)', {
      params: engagementParams,
      body: descriptionBody,
      response: { 200: descriptionView },
    }),
    handler: async (request) => description.update(...inEngagement(request), request.body.version, request.body.description),
  });

  app.put(`${ENGAGEMENT_URL}/findings/:findingCode/significant-incident`, {
    ...route('description.edit', 'Mark a finding a significant incident the description must disclose, or take the mark off (409 when stale)', {
      params: incidentMarkParams,
      body: incidentMarkBody,
      response: { 200: incidentMark },
    }),
    handler: async (request) => description.markIncident(...inEngagement(request), request.params.findingCode, request.body.version, request.body.significantIncident),
  });
});
