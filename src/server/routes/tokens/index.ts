/** API tokens of an organisation: for scripts and CI, each with one role; the secret is shown once. */
import { z } from 'zod';
import { actorOf } from '../../authentication.js';
import { replyWithPage } from '../../paging.js';
import { routeModule } from '../route.js';
import { createdTokenSchema, createTokenBody, organizationParams, tokenList, tokenParams, tokenQuery } from '../../../contract/index.js';

export const tokenRoutes = routeModule('tokens', (app, route, { tokens }) => {
  app.get('/organizations/:organizationId/tokens', {
    ...route('token.manage', 'API tokens, newest first (never their secrets)',
      { params: organizationParams, querystring: tokenQuery, response: { 200: tokenList } }),
    handler: async (request) =>
      replyWithPage(request.query, () => tokens.list(actorOf(request), request.params.organizationId, request.query)),
  });

  app.post('/organizations/:organizationId/tokens', {
    ...route('token.manage', 'Create an API token with a role no higher than yours; the secret is in this response only',
      { params: organizationParams, body: createTokenBody, response: { 201: createdTokenSchema } }),
    handler: async (request, reply) => reply.status(201).send(await tokens.create(actorOf(request), request.params.organizationId, request.body)),
  });

  app.delete('/organizations/:organizationId/tokens/:tokenId', {
    ...route('token.manage', 'Revoke an API token for good', { params: tokenParams, response: { 204: z.null() } }),
    handler: async (request, reply) => {
      await tokens.revoke(actorOf(request), request.params.organizationId, request.params.tokenId);
      return reply.status(204).send(null);
    },
  });
});
