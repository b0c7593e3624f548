/** Members of an organisation and their roles. People join by invitation (../invitations). */
import { z } from 'zod';
import { actorOf } from '../../authentication.js';
import { replyWithPage } from '../../paging.js';
import { routeModule } from '../route.js';
import { changeRoleBody, memberList, memberParams, memberQuery, memberSchema, organizationParams } from '../../../contract/index.js';

export const memberRoutes = routeModule('members', (app, route, { members }) => {
  app.get('/organizations/:organizationId/members', {
    ...route('member.read', 'Members, by email', { params: organizationParams, querystring: memberQuery, response: { 200: memberList } }),
    handler: async (request) =>
      replyWithPage(request.query, () => members.list(actorOf(request), request.params.organizationId, request.query)),
  });

  app.patch('/organizations/:organizationId/members/:userId', {
    ...route('member.manage', "Change a member's role",
      { params: memberParams, body: changeRoleBody, response: { 200: memberSchema.omit({ email: true, displayName: true }) } }),
    handler: async (request) =>
      members.changeRole(actorOf(request), request.params.organizationId, request.params.userId, request.body.version, request.body.role),
  });

  app.delete('/organizations/:organizationId/members/:userId', {
    ...route('member.manage', 'Remove a member', { params: memberParams, response: { 204: z.null() } }),
    handler: async (request, reply) => {
      await members.remove(actorOf(request), request.params.organizationId, request.params.userId);
      return reply.status(204).send(null);
    },
  });
});
