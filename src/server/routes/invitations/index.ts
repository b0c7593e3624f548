/**
 * Invitations: an organisation's admins invite, list and revoke; the invitee previews the link, then accepts it
 * signed in, or signs up with it (a new account with their own password, signed in at once). The link's secret
 * travels in request bodies, never in a URL.
 */
import { z } from 'zod';
import { INVITATION_PAGE, oneTimeLink } from '../../../domain/index.js';
import { actorOf } from '../../authentication.js';
import { publicBaseUrl } from '../../public-url.js';
import { setSessionCookie, signedInBody } from '../auth/cookie.js';
import { acceptedSchema, createdInvitationSchema, createInvitationBody, invitationList, invitationParams, invitationPreviewSchema, invitationQuery, invitationTokenBody, organizationParams, problemSchema, signedInSchema, signUpBody } from '../../../contract/index.js';
import { replyWithPage } from '../../paging.js';
import { publicRateLimit, routeModule } from '../route.js';

export const invitationRoutes = routeModule('invitations', (app, route, { invitations }, options) => {
  const rateLimit = publicRateLimit(options);

  app.get('/organizations/:organizationId/invitations', {
    ...route('member.manage', 'Pending invitations, newest first (never their links)',
      { params: organizationParams, querystring: invitationQuery, response: { 200: invitationList } }),
    handler: async (request) =>
      replyWithPage(request.query, () => invitations.list(actorOf(request), request.params.organizationId, request.query)),
  });

  app.post('/organizations/:organizationId/invitations', {
    ...route('member.manage', 'Invite an email in a role: the single-use link (7 days) is in this response only; a pending invitation of the same email is replaced',
      { params: organizationParams, body: createInvitationBody, response: { 201: createdInvitationSchema } }),
    handler: async (request, reply) => {
      const { invitation, secret } = await invitations.create(actorOf(request), request.params.organizationId, request.body);
      const link = oneTimeLink(publicBaseUrl(request, options.publicUrl), INVITATION_PAGE, secret);
      return reply.status(201).send({ invitation, link });
    },
  });

  app.delete('/organizations/:organizationId/invitations/:invitationId', {
    ...route('member.manage', 'Revoke a pending invitation: its link stops working', { params: invitationParams, response: { 204: z.null() } }),
    handler: async (request, reply) => {
      await invitations.revoke(actorOf(request), request.params.organizationId, request.params.invitationId);
      return reply.status(204).send(null);
    },
  });

  app.post('/invitations/preview', {
    ...route('public', 'What an invitation link invites to: the organisation, the email and the role (409 once accepted, revoked or expired)',
      { body: invitationTokenBody, response: { 200: invitationPreviewSchema, 404: problemSchema, 409: problemSchema } }, { rateLimit }),
    handler: async (request) => invitations.preview(request.body.token),
  });

  app.post('/invitations/accept', {
    ...route('signed-in', 'Accept an invitation with your account: it must be made out to your email',
      { body: invitationTokenBody, response: { 200: acceptedSchema, 403: problemSchema, 409: problemSchema } }),
    handler: async (request) => invitations.accept(actorOf(request), request.body.token),
  });

  app.post('/invitations/sign-up', {
    ...route('public', 'Accept an invitation as a new person: creates your account with your name and password, and signs you in',
      { body: signUpBody, response: { 200: signedInSchema, 409: problemSchema, 422: problemSchema } }, { rateLimit }),
    handler: async (request, reply) => {
      const signedIn = await invitations.signUp(request.body.token, { displayName: request.body.displayName, password: request.body.password });
      setSessionCookie(reply, signedIn, options.secureCookies);
      return signedInBody(signedIn);
    },
  });
});
