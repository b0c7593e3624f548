/** The risk register of an engagement: risks with their inherent and residual risk, the residual computed. */
import { ENGAGEMENT_URL, inEngagement } from '../../engagement-request.js';
import { routeModule } from '../route.js';
import { engagementParams, riskBody, riskParams, riskRegisterSchema, riskSchema, riskUpdateBody } from '../../../contract/index.js';

const path = `${ENGAGEMENT_URL}/risks`;

export const riskRoutes = routeModule('risks', (app, route, { risks }) => {
  app.get(path, {
    ...route('risk.read', "The engagement's risk register, each risk assessed (inherent, residual and why)", {
      params: engagementParams,
      response: { 200: riskRegisterSchema },
    }),
    handler: async (request) => risks.list(...inEngagement(request)),
  });

  app.post(path, {
    ...route('risk.manage', 'Add a risk; its code is the next of the register', { params: engagementParams, body: riskBody, response: { 201: riskSchema } }),
    handler: async (request, reply) => reply.code(201).send(await risks.create(...inEngagement(request), request.body)),
  });

  app.get(`${path}/:riskCode`, {
    ...route('risk.read', 'One risk with its assessment: which control sets its residual risk, and why', { params: riskParams, response: { 200: riskSchema } }),
    handler: async (request) => risks.get(...inEngagement(request), request.params.riskCode),
  });

  app.put(`${path}/:riskCode`, {
    ...route('risk.manage', 'Change a risk at its version (409 when stale); its residual risk is computed, never written', {
      params: riskParams,
      body: riskUpdateBody,
      response: { 200: riskSchema },
    }),
    handler: async (request) => {
      const { version, ...input } = request.body;
      return risks.update(...inEngagement(request), request.params.riskCode, version, input);
    },
  });
});
