/**
 * Report sections of an engagement: the "other information" section (management's approved responses to the
 * exceptions) as a Markdown download, and a summary of what it holds for the Reports page.
 */
import { ENGAGEMENT_URL, inEngagement } from '../../engagement-request.js';
import { asAttachment } from '../../download.js';
import { engagementParams, otherInformationDocument, otherInformationSummary } from '../../../contract/index.js';
import { routeModule } from '../route.js';

const REPORTS_URL = `${ENGAGEMENT_URL}/reports`;

export const reportRoutes = routeModule('reports', (app, route, { reports }) => {
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
});
