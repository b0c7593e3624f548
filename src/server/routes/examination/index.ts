/**
 * The examination of an engagement: the engine's result, its history for the trend line, what changed in
 * it since a week (or any number of days) ago, and what to fix first.
 *
 * The result is served as the JSON the examination service keeps (never serialized again here) with a strong
 * ETag, so a client that has it already gets 304 Not Modified.
 */
import { z } from 'zod';
import { actorOf } from '../../authentication.js';
import { changesQuery, changesSchema, engagementParams, examinationResultSchema, fixRankingSchema, historyList, pageQuery } from '../../../contract/index.js';
import { ENGAGEMENT_URL } from '../../engagement-request.js';
import { routeModule } from '../route.js';
import { sendJson } from './json-body.js';

const EXAMINATION_URL = `${ENGAGEMENT_URL}/examination`;

/** Whether an If-None-Match header names the entity tag (weak comparison, as RFC 9110 asks for GET). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

export const examinationRoutes = routeModule('examination', (app, route, { examination }) => {
  app.get(EXAMINATION_URL, {
    ...route('examination.read', 'The examination: conclusions, criteria, deficiencies and the opinion forecast (as `assay examine --format json`)', {
      description: 'Sends an ETag; with a matching If-None-Match the answer is 304 Not Modified.',
      params: engagementParams,
      response: { 200: examinationResultSchema, 304: z.null().describe('Not modified: the result is the one you have') },
    }),
    handler: async (request, reply) => {
      const { organizationId, engagementId } = request.params;
      const evaluation = await examination.get(actorOf(request), organizationId, engagementId, request.engagementKey);
      // A strong entity tag: the hash of the bytes sent. private: the answer depends on who asks; no-cache:
      // revalidate (cheaply, by ETag) before each reuse.
      const etag = `"${evaluation.resultHash}"`;
      reply.header('etag', etag).header('cache-control', 'private, no-cache');
      if (matchesEtag(request.headers['if-none-match'], etag)) return reply.status(304).send(null);
      // Sent as it is, not through the response schema: the examination tests hold the two to each other.
      return sendJson(reply, evaluation.json);
    },
  });

  app.get(`${EXAMINATION_URL}/history`, {
    ...route('examination.read', 'The results kept over time, newest first: opinion, criteria per status, deficiencies per severity',
      { params: engagementParams, querystring: pageQuery, response: { 200: historyList } }),
    handler: async (request) => {
      const { organizationId, engagementId } = request.params;
      const { limit, offset } = request.query;
      const page = await examination.history(actorOf(request), organizationId, engagementId, { limit, offset });
      return { ...page, limit, offset };
    },
  });

  app.get(`${EXAMINATION_URL}/changes`, {
    ...route('examination.read', 'What changed since sinceDays ago (default 7): the criteria, controls and opinion of the latest result against an older one', {
      description:
        'The baseline is the newest result kept at least sinceDays before the latest, else the oldest kept (fullPeriod false). ' +
        'Only the criteria and controls whose status or conclusion changed are listed.',
      params: engagementParams,
      querystring: changesQuery,
      response: { 200: changesSchema },
    }),
    handler: async (request) => {
      const { organizationId, engagementId } = request.params;
      return examination.changes(actorOf(request), organizationId, engagementId, { sinceDays: request.query.sinceDays });
    },
  });

  app.get(`${EXAMINATION_URL}/what-if`, {
    ...route('examination.read', 'What to fix first: each deficient control assumed effective, the opinion forecast it would give and the criteria it would restore',
      { description: 'The engine examines the engagement again with one control assumed effective (designed effectively, its failed samples retested clean), ' + 'once per control with a deficiency. Ranked by the opinion it gives, then the criteria it restores, then the severity of the deficiency.', params: engagementParams, response: { 200: fixRankingSchema } }),
    handler: async (request) => {
      const { organizationId, engagementId } = request.params;
      return examination.whatIf(actorOf(request), organizationId, engagementId);
    },
  });
});
