/** The corrective action plan of an engagement: where every action stands, the burndown, and reminders. */
import { ENGAGEMENT_URL, inEngagement } from '../../engagement-request.js';
import { engagementParams, pageQuery, planBody, planSchema, remediationView, reminderOutcome, remindersBody } from '../../../contract/index.js';
import { replyWithPage } from '../../paging.js';
import { routeModule } from '../route.js';

const path = `${ENGAGEMENT_URL}/remediation`;

export const remediationRoutes = routeModule('remediation', (app, route, { remediation }) => {
  app.get(path, {
    ...route('finding.read', 'The corrective action plan: a page of the actions of the findings (false positives left out) with their standing today, and the counts and the burndown over all of them',
      { params: engagementParams, querystring: pageQuery, response: { 200: remediationView } }),
    handler: async (request) => {
      return replyWithPage(request.query, (page) => remediation.view(...inEngagement(request), page));
    },
  });

  app.put(`${path}/plan`, {
    ...route('engagement.manage', "Set the plan's target date, reminder webhook (http or https) and due-soon window, at its version (0 the first time)",
      { params: engagementParams, body: planBody, response: { 200: planSchema } }),
    handler: async (request) => {
      const { version, ...plan } = request.body;
      return remediation.updatePlan(...inEngagement(request), version, plan);
    },
  });

  app.post(`${path}/reminders`, {
    ...route('engagement.manage', "POST the reminder of overdue and due-soon actions to the plan's webhook now (422 when none is set): delivered or failed",
      { params: engagementParams, body: remindersBody, response: { 200: reminderOutcome } }),
    handler: async (request) => remediation.sendReminders(...inEngagement(request)),
  });
});
