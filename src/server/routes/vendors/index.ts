/** The vendors of an engagement, their SOC 2 reports and the risks those raise into the register. */
import { ENGAGEMENT_URL, inEngagement } from '../../engagement-request.js';
import { routeModule } from '../route.js';
import {
  engagementParams,
  raisedRisksSchema,
  recordedReportSchema,
  vendorBody,
  vendorListSchema,
  vendorParams,
  vendorReportBody,
  vendorSchema,
  vendorUpdateBody,
} from '../../../contract/index.js';

const path = `${ENGAGEMENT_URL}/vendors`;

export const vendorRoutes = routeModule('vendors', (app, route, { vendors }) => {
  app.get(path, {
    ...route('vendor.read', "The engagement's vendors, each with its SOC 2 reports, what they raise and whether its review is late", {
      params: engagementParams,
      response: { 200: vendorListSchema },
    }),
    handler: async (request) => vendors.list(...inEngagement(request)),
  });

  app.post(path, {
    ...route('vendor.manage', 'Add a vendor; its code is the next of the inventory', { params: engagementParams, body: vendorBody, response: { 201: vendorSchema } }),
    handler: async (request, reply) => reply.code(201).send(await vendors.create(...inEngagement(request), request.body)),
  });

  app.put(`${path}/:vendorCode`, {
    ...route('vendor.manage', 'Change a vendor at its version (409 when stale)', { params: vendorParams, body: vendorUpdateBody, response: { 200: vendorSchema } }),
    handler: async (request) => {
      const { version, ...input } = request.body;
      return vendors.update(...inEngagement(request), request.params.vendorCode, version, input);
    },
  });

  app.post(`${path}/:vendorCode/reports`, {
    ...route('vendor.manage', "Record a vendor's SOC 2 report (never changed afterwards); a modified opinion, exceptions or expiry raises a risk, once", {
      params: vendorParams,
      body: vendorReportBody,
      response: { 201: recordedReportSchema },
    }),
    handler: async (request, reply) => reply.code(201).send(await vendors.recordReport(...inEngagement(request), request.params.vendorCode, request.body)),
  });

  app.post(`${path}/assess`, {
    ...route('vendor.manage', 'Look at every report again as of today and raise the risks time has made due (a report since expired); none twice', {
      params: engagementParams,
      response: { 200: raisedRisksSchema },
    }),
    handler: async (request) => ({ raised: await vendors.assess(...inEngagement(request)) }),
  });
});
