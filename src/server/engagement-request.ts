import type { FastifyRequest } from 'fastify';
import { actorOf } from './authentication.js';

/**
 * Who asks, and about which engagement, for a route under `/organizations/:organizationId/engagements/:engagementId`:
 * the first three arguments of every engagement service call.
 */
export function inEngagement(
  request: FastifyRequest & { params: { organizationId: string; engagementId: string } },
): [actor: ReturnType<typeof actorOf>, organizationId: string, engagementId: string] {
  return [actorOf(request), request.params.organizationId, request.params.engagementId];
}
