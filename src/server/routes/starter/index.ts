/**
 * A first run: an engagement created from the starter control set, the set added to an engagement without
 * controls, and a workspace folder uploaded as a zip (`application/zip`) imported as a new engagement.
 */
import { ValidationError } from '../../../domain/index.js';
import { MAX_WORKSPACE_UNZIPPED_BYTES, MAX_WORKSPACE_ZIP_BYTES, MAX_WORKSPACE_ZIP_ENTRIES } from '../../../domain/limits.js';
import { actorOf } from '../../authentication.js';
import { ENGAGEMENT_URL, inEngagement } from '../../engagement-request.js';
import type { StartedEngagement } from '../../../services/engagements/starter-service.js';
import { routeModule } from '../route.js';
import { addStarterControlsBody, engagementParams, organizationParams, setupOptionsSchema, startEngagementBody, startedEngagementSchema, workspaceImportSchema } from '../../../contract/index.js';

const MB = 1024 * 1024;

/** The engagement and the ids of the controls the starter set gave it. */
const startedBody = (started: StartedEngagement) => ({ engagement: started.engagement, controls: started.controls.map((c) => c.id) });

export const starterRoutes = routeModule('engagements', (app, route, { starter }) => {
  // The zip comes as it is; only the routes of this module read that type.
  app.addContentTypeParser('application/zip', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.get('/setup', {
    ...route('signed-in', 'What the setup page may offer the caller (creating an organisation)', { tags: ['organizations'], response: { 200: setupOptionsSchema } }),
    handler: async (request) => starter.setupOptions(actorOf(request)),
  });

  app.post('/organizations/:organizationId/engagements/starter', {
    ...route('engagement.manage', 'Create an engagement that starts with the starter control set, tailored by the answers',
      { description: 'Every criterion of the chosen categories is addressed by at least one control; none names a criterion outside them (docs/starter-sets.md). 422 naming the JSON path of each problem with the settings; nothing is written then.', params: organizationParams, body: startEngagementBody, response: { 201: startedEngagementSchema } }),
    handler: async (request, reply) => {
      return reply.status(201).send(startedBody(await starter.createEngagement(actorOf(request), request.params.organizationId, request.body)));
    },
  });

  app.post(`${ENGAGEMENT_URL}/starter-controls`, {
    ...route('control.manage', 'Add the starter control set to an engagement that has no controls yet (409 when it has some)',
      { params: engagementParams, body: addStarterControlsBody, response: { 201: startedEngagementSchema } }),
    handler: async (request, reply) => {
      return reply.status(201).send(startedBody(await starter.addToEngagement(...inEngagement(request), request.body.answers)));
    },
  });

  app.post('/organizations/:organizationId/workspace-import', {
    ...route('engagement.manage', 'Import a workspace folder sent as a zip (Content-Type: application/zip) as a new engagement, all or nothing', {
      description: `At most ${MAX_WORKSPACE_ZIP_BYTES / MB} MB sent (413 above), unpacking to at most ${MAX_WORKSPACE_UNZIPPED_BYTES / MB} MB in ${MAX_WORKSPACE_ZIP_ENTRIES} files. The zip holds assay.yaml at its top or in its one top folder. 422 naming each problem as \`file:line\` in the zip, or the entry that leaves the folder (\`..\`, an absolute path); 409 when the organisation has an engagement of the same name (an upload never replaces one).`,
      params: organizationParams,
      response: { 201: workspaceImportSchema },
    }),
    bodyLimit: MAX_WORKSPACE_ZIP_BYTES,
    handler: async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) {
        throw new ValidationError([{ location: 'body', message: 'send the zip itself, with Content-Type: application/zip' }], 'The upload is not a zip');
      }
      const imported = await starter.importZip(actorOf(request), request.params.organizationId, request.body);
      return reply.status(201).send({ engagement: imported.engagement, counts: imported.counts, notes: imported.notes });
    },
  });
});
