import type { FastifyRequest } from 'fastify';
import { actorOf } from './authentication.js';

/** Where every engagement's routes live. */
export const ENGAGEMENT_URL = '/organizations/:organizationId/engagements/:engagementId';

/**
 * Who asks, and about which engagement, for a route under {@link ENGAGEMENT_URL}:
 * the first three arguments of every engagement service call.
 */
export function inEngagement(
  request: FastifyRequest & { params: { organizationId: string; engagementId: string } },
): [actor: ReturnType<typeof actorOf>, organizationId: string, engagementId: string] {
  return [actorOf(request), request.params.organizationId, request.params.engagementId];
}
