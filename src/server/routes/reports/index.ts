/**
 * Report sections of an engagement: the "other information" section (management's approved responses to the
 * exceptions) as a Markdown download, and a summary of what it holds for the Reports page; the engagement's
 * documents as jobs: asked for (202), followed while they render, then downloaded (docs/report-delivery.md).
 */
import { ENGAGEMENT_URL, inEngagement } from '../../engagement-request.js';
import { asAttachment } from '../../download.js';
import {
  engagementParams,
  otherInformationDocument,
  otherInformationSummary,
  reportJobFile,
  reportJobList,
  reportJobParams,
  reportJobRequest,
  problemSchema,
  reportJobSchema,
} from '../../../contract/index.js';
import { MAX_REPORT_JOBS_PER_MINUTE } from '../../../domain/limits.js';
import { routeModule } from '../route.js';

const REPORTS_URL = `${ENGAGEMENT_URL}/reports`;

export const reportRoutes = routeModule('reports', (app, route, { reports, reportJobs }) => {
  app.get(`${REPORTS_URL}/other-information`, {
    ...route('finding.read', "The report's other information: management's responses to exceptions (a Markdown download)", {
      description: 'As `assay examine DIR --format markdown` appends it: each finding with an approved response, its control and criteria, then what happened, the root cause, the corrective action and the date remediated.',
      params: engagementParams,
      response: { 200: otherInformationDocument },
    }),
    handler: async (request, reply) => {
      const report = await reports.otherInformation(...inEngagement(request));
      // Text of a type other than JSON goes out as it is: the document, not a JSON string.
      return asAttachment(reply, report.fileName).type('text/markdown; charset=utf-8').send(report.text);
    },
  });

  app.get(`${REPORTS_URL}/other-information/summary`, {
    ...route('finding.read', 'Which management responses the other-information section gives (approved) and leaves out (drafts)',
      { params: engagementParams, response: { 200: otherInformationSummary } }),
    handler: async (request) => {
      const { approved, drafts, fileName } = await reports.otherInformation(...inEngagement(request));
      return { approved, drafts, fileName };
    },
  });

  const DOCUMENTS_URL = `${REPORTS_URL}/documents`;
  reportJobs.logErrorsTo((jobId, error) => app.log.error({ err: error, reportJob: jobId }, 'a report job failed'));
  // A server closing lets the documents under way finish (they are seconds), rather than leave them to be reported stopped.
  app.addHook('onClose', () => reportJobs.settled());

  app.post(DOCUMENTS_URL, {
    ...route('report.read', 'Generate a document of the engagement: answers 202 with the job, which renders after the answer', {
      description:
        'The SOC 2 report draft, readiness assessment, customer letter, bridge letter (up to `to`), stakeholder pack, annual risk assessment or workpapers, in PDF, HTML, Markdown or XLSX. ' +
        'A combination no document takes is refused (422, naming `$.format`, or `$.to` for a bridge letter not ending after the period and by today); an organisation already generating the most reports at once, or a client past a few a minute, gets 429.',
      params: engagementParams,
      body: reportJobRequest,
      response: { 202: reportJobSchema, 429: problemSchema },
    },
    // Each document loads the engagement and renders it: a few a minute per client address at most.
    { rateLimit: { max: MAX_REPORT_JOBS_PER_MINUTE, timeWindow: '1 minute' } }),
    handler: async (request, reply) => {
      const job = await reportJobs.start(...inEngagement(request), request.body);
      return reply.status(202).header('location', `${request.url}/${job.id}`).send(job);
    },
  });

  app.get(DOCUMENTS_URL, {
    ...route('report.read', "The engagement's latest report jobs, newest first", { params: engagementParams, response: { 200: reportJobList } }),
    handler: async (request) => ({ items: await reportJobs.list(...inEngagement(request)) }),
  });

  app.get(`${DOCUMENTS_URL}/:jobId`, {
    ...route('report.read', 'A report job: its status, progress (0 to 1), error and file name', { params: reportJobParams, response: { 200: reportJobSchema } }),
    handler: async (request) => reportJobs.get(...inEngagement(request), request.params.jobId),
  });

  app.get(`${DOCUMENTS_URL}/:jobId/file`, {
    ...route('report.read', "A done job's document, as a download (409 while it runs or once it failed)", { params: reportJobParams, response: { 200: reportJobFile } }),
    handler: async (request, reply) => {
      const file = await reportJobs.file(...inEngagement(request), request.params.jobId);
      return asAttachment(reply, file.fileName)
        .type(file.contentType)
        .header('x-content-type-options', 'nosniff')
        // An HTML document opened from here runs no script and reaches nothing of the app's.
        .header('content-security-policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:")
        .send(file.content);
    },
  });
});
