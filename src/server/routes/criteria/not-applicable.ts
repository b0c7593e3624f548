/**
 * Criteria not applicable: management proposes one with its reason (pending, counted for nothing yet), the
 * auditor accepts or rejects it (an admin where the organisation has no auditor).
 */
import { ENGAGEMENT_URL, inEngagement } from '../../engagement-request.js';
import { routeModule } from '../route.js';
import { decideNotApplicableBody, engagementParams, notApplicableProposalSchema, notApplicableProposalsSchema, proposalParams, proposeNotApplicableBody } from '../../../contract/index.js';

const PROPOSALS_URL = `${ENGAGEMENT_URL}/not-applicable-proposals`;

export const notApplicableRoutes = routeModule('criteria', (app, route, { notApplicable }) => {
  app.get(PROPOSALS_URL, {
    ...route(
      'engagement.read',
      'Proposals that a criterion does not apply, pending first; for each pending one, the criterion’s status and the ' +
        'opinion as they are and the opinion if it were accepted',
      { params: engagementParams, response: { 200: notApplicableProposalsSchema } },
    ),
    handler: async (request) => notApplicable.list(...inEngagement(request)),
  });

  app.post(PROPOSALS_URL, {
    ...route(
      'exclusion.propose',
      'Propose that a criterion in scope does not apply, with the reason (422 naming the field when it is not in scope, ' +
        'not applicable already or proposed already); it counts only once the auditor accepts it',
      { params: engagementParams, body: proposeNotApplicableBody, response: { 201: notApplicableProposalSchema } },
    ),
    handler: async (request, reply) => reply.status(201).send(await notApplicable.propose(...inEngagement(request), request.body)),
  });

  app.post(`${PROPOSALS_URL}/:proposalId/decision`, {
    ...route(
      'exclusion.decide',
      'Accept or reject a pending proposal (the auditor; an admin only where the organisation has no auditor, else 403); ' +
        'a rejection says why; an accepted criterion becomes not applicable (409 when `version` is stale or it is decided already)',
      { params: proposalParams, body: decideNotApplicableBody, response: { 200: notApplicableProposalSchema } },
    ),
    handler: async (request) => {
      const { version, ...decision } = request.body;
      return notApplicable.decide(...inEngagement(request), request.params.proposalId, version, decision);
    },
  });
});
