/** Organisations (tenants). */
import { z } from 'zod';
import { actorOf } from '../../authentication.js';
import { routeModule } from '../route.js';
import { createOrganizationBody, organizationParams, organizationSchema, updateOrganizationBody } from '../../../contract/index.js';

export const organizationRoutes = routeModule('organizations', (app, route, { organizations }) => {
  app.get('/organizations', {
    ...route('signed-in', 'The organisations the caller belongs to', { response: { 200: z.object({ items: z.array(organizationSchema) }) } }),
    handler: async (request) => ({ items: await organizations.listMine(actorOf(request)) }),
  });

  app.post('/organizations', {
    ...route('signed-in', 'Create an organisation; its creator becomes admin',
      { body: createOrganizationBody, response: { 201: organizationSchema } }),
    handler: async (request, reply) => reply.status(201).send(await organizations.create(actorOf(request), request.body)),
  });

  app.get('/organizations/:organizationId', {
    ...route('organization.read', 'One organisation', { params: organizationParams, response: { 200: organizationSchema } }),
    handler: async (request) => organizations.get(actorOf(request), request.params.organizationId),
  });

  app.patch('/organizations/:organizationId', {
    ...route('organization.update', 'Rename an organisation or choose the locale of its dates (409 when `version` is stale)',
      { params: organizationParams, body: updateOrganizationBody, response: { 200: organizationSchema } }),
    handler: async (request) => {
      const { version, ...patch } = request.body;
      return organizations.update(actorOf(request), request.params.organizationId, version, patch);
    },
  });
});
