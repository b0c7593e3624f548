/**
 * Management's response to a finding, for the report's "other information" section: drafted from the finding,
 * edited by the organisation, approved by a second person (four eyes). One per finding.
 */
import { ENGAGEMENT_URL, inEngagement } from '../../engagement-request.js';
import { routeModule } from '../route.js';
import { approveBody, draftBody, findingParams, managementResponseSchema, responseBody } from '../../../contract/index.js';

const path = `${ENGAGEMENT_URL}/findings/:findingCode/management-response`;

export const managementResponseRoutes = routeModule('findings', (app, route, { managementResponses }) => {
  app.get(path, {
    ...route('finding.read', "The finding's management response: null while none is drafted (404 only for an unknown finding)",
      { params: findingParams, response: { 200: managementResponseSchema.nullable() } }),
    handler: async (request) => managementResponses.get(...inEngagement(request), request.params.findingCode),
  });

  app.post(`${path}/draft`, {
    ...route('response.write', "Draft the response from the finding's data; redrafting one that exists (at its version) replaces its text and returns it to draft",
      { params: findingParams, body: draftBody, response: { 200: managementResponseSchema } }),
    handler: async (request) => managementResponses.draft(...inEngagement(request), request.params.findingCode, request.body.version),
  });

  app.put(path, {
    ...route('response.write', 'Edit the four texts; an approved response edited is a draft again',
      { params: findingParams, body: responseBody, response: { 200: managementResponseSchema } }),
    handler: async (request) => {
      const { findingCode } = request.params;
      const { version, ...text } = request.body;
      return managementResponses.edit(...inEngagement(request), findingCode, version, text);
    },
  });

  app.post(`${path}/approve`, {
    ...route('response.approve', 'Approve the response (409 for the person who last edited it: four eyes)',
      { params: findingParams, body: approveBody, response: { 200: managementResponseSchema } }),
    handler: async (request) => managementResponses.approve(...inEngagement(request), request.params.findingCode, request.body.version),
  });
});
