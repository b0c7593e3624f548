/**
 * OSCAL of an engagement: its assessment results and POA&M as downloads (the documents the CLI makes from a
 * workspace, made from the database), and findings imported from an OSCAL document.
 */
import type { FastifyReply } from 'fastify';
import { MAX_IMPORTED_FINDINGS, MAX_OSCAL_DOCUMENT_BYTES } from '../../../domain/limits.js';
import { ENGAGEMENT_URL, inEngagement } from '../../engagement-request.js';
import { asAttachment } from '../../download.js';
import { assessmentResultsDocument, engagementParams, oscalImportBody, oscalImportResult, poamDocument } from '../../../contract/index.js';
import { sendJson } from '../examination/json-body.js';
import { routeModule } from '../route.js';

/** The document as a download, written once (the exporter's own key order, as the CLI prints it). */
function sendDownload(reply: FastifyReply, exported: { document: unknown; fileName: string }): FastifyReply {
  return sendJson(asAttachment(reply, exported.fileName), Buffer.from(`${JSON.stringify(exported.document, null, 2)}\n`, 'utf8'));
}

export const oscalRoutes = routeModule('oscal', (app, route, { oscal }) => {
  app.get(`${ENGAGEMENT_URL}/oscal/assessment-results`, {
    ...route('examination.read', 'The examination as OSCAL 1.1.3 assessment results (a download)', {
      description: 'Observations for conclusions and deviations, a finding per in-scope criterion, a risk per deficiency with severity facets.',
      params: engagementParams,
      response: { 200: assessmentResultsDocument },
    }),
    handler: async (request, reply) => {
      return sendDownload(reply, await oscal.assessmentResults(...inEngagement(request)));
    },
  });

  app.get(`${ENGAGEMENT_URL}/oscal/poam`, {
    ...route('finding.read', 'The findings as an OSCAL 1.1.3 plan of action and milestones (a download)', {
      description: 'A POA&M item per finding (and per deficiency without one yet), with its root cause, corrective actions as remediations and milestones.',
      params: engagementParams,
      response: { 200: poamDocument },
    }),
    handler: async (request, reply) => {
      return sendDownload(reply, await oscal.poam(...inEngagement(request)));
    },
  });

  app.post(`${ENGAGEMENT_URL}/findings/import-oscal`, {
    ...route('finding.manage', 'Findings from OSCAL assessment results or a POA&M, all or nothing', {
      tags: ['oscal', 'findings'],
      description:
        `At most ${MAX_OSCAL_DOCUMENT_BYTES / 1024 / 1024} MB (413 above) and ${MAX_IMPORTED_FINDINGS} findings. 422 naming the JSON path of each problem when the document is not OSCAL assessment results or a POA&M, holds more findings than that, or names a control or criterion the engagement does not have; 409 naming the findings (or root causes) already there. An override, or a corrective action marked done, comes in only for a caller who could record it (finding.judge, finding.remediate); else a warning says it was left out.`,
      params: engagementParams,
      body: oscalImportBody,
      response: { 201: oscalImportResult },
    }),
    // A large engagement's document passes the API's usual 1 MB: this route alone takes more (413 above it).
    bodyLimit: MAX_OSCAL_DOCUMENT_BYTES,
    handler: async (request, reply) => {
      const outcome = await oscal.importFindings(...inEngagement(request), request.body);
      return reply.status(201).send(outcome);
    },
  });
});
