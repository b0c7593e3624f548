/**
 * Evidence requests: the board (overdue first), the auditor asking for an item (or importing its CSV list), the
 * organisation answering with evidence or a comment, the auditor accepting or returning the answer; the list as
 * CSV for the auditor's files.
 */
import { ValidationError } from '../../../domain/index.js';
import { asAttachment } from '../../download.js';
import { ENGAGEMENT_URL, inEngagement } from '../../engagement-request.js';
import { routeModule } from '../route.js';
import { answerRequestBody, askRequestBody, decideRequestBody, engagementParams, evidenceRequestSchema, requestBoardSchema, requestParams, requestsCsvDocument, requestsImported } from '../../../contract/index.js';

const REQUESTS_URL = `${ENGAGEMENT_URL}/evidence-requests`;
/** A request list is a few hundred lines; this leaves room for long ones. */
const MAX_CSV_BYTES = 1024 * 1024;

export const evidenceRequestRoutes = routeModule('evidence', (app, route, { evidenceRequests }) => {
  // The auditor's list comes as it is; only this module's routes read that type.
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: MAX_CSV_BYTES }, (_request, body, done) => done(null, body));

  app.get(REQUESTS_URL, {
    ...route('engagement.read', 'The evidence requests, overdue first, then by due date', { params: engagementParams, response: { 200: requestBoardSchema } }),
    handler: async (request) => evidenceRequests.board(...inEngagement(request)),
  });

  app.post(REQUESTS_URL, {
    ...route('request.ask', 'Ask for an item of evidence (the auditor): its id, what, the control, the due date (today or later, else 422) and who is to answer', {
      params: engagementParams,
      body: askRequestBody,
      response: { 201: evidenceRequestSchema },
    }),
    handler: async (request, reply) => reply.status(201).send(await evidenceRequests.ask(...inEngagement(request), request.body)),
  });

  app.post(`${REQUESTS_URL}/import`, {
    ...route('request.ask', 'Import the auditor’s request list (Content-Type: text/csv; columns ID, Request, Control, Due date, Owner, Status, Comment)', {
      description: 'All or nothing: 422 naming `requests.csv:LINE (Column)` for each problem. A new ID is a new request (due today or later); a known one changes while it is open.',
      params: engagementParams,
      response: { 200: requestsImported },
    }),
    handler: async (request) => {
      if (typeof request.body !== 'string') throw new ValidationError([{ location: 'body', message: 'send the list itself, with Content-Type: text/csv' }], 'The upload is not CSV');
      return evidenceRequests.importCsv(...inEngagement(request), request.body);
    },
  });

  app.get(`${REQUESTS_URL}/export`, {
    ...route('engagement.read', 'The request list as CSV, in the board’s order', { params: engagementParams, response: { 200: requestsCsvDocument } }),
    handler: async (request, reply) => asAttachment(reply.type('text/csv; charset=utf-8'), 'evidence-requests.csv').send(await evidenceRequests.exportCsv(...inEngagement(request))),
  });

  app.post(`${REQUESTS_URL}/:requestId/answer`, {
    ...route('request.answer', 'Answer an open or returned request with evidence of the store, a comment or both (409 when stale or decided)', {
      params: requestParams,
      body: answerRequestBody,
      response: { 200: evidenceRequestSchema },
    }),
    handler: async (request) => {
      const { version, ...answer } = request.body;
      return evidenceRequests.answer(...inEngagement(request), request.params.requestId, version, answer);
    },
  });

  app.post(`${REQUESTS_URL}/:requestId/decision`, {
    ...route('request.ask', 'Accept an answer, or return it saying why (the auditor)', { params: requestParams, body: decideRequestBody, response: { 200: evidenceRequestSchema } }),
    handler: async (request) => {
      const { version, ...decision } = request.body;
      return evidenceRequests.decide(...inEngagement(request), request.params.requestId, version, decision);
    },
  });
});
