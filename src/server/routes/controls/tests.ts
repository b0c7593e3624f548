/** The test of a control's operating effectiveness and its samples. */
import { z } from 'zod';
import { actorOf } from '../../authentication.js';
import { addSampleBody, controlParams, putPopulationBody, putTestBody, recordedSampleSchema, sampleParams, testSchema, updateSampleBody, versionQuery } from '../../../contract/index.js';
import { routeModule } from '../route.js';

const TEST_URL = '/organizations/:organizationId/engagements/:engagementId/controls/:controlId/test';

export const controlTestRoutes = routeModule('tests', (app, route, { tests }) => {
  app.get(TEST_URL, {
    ...route('control.read', "The control's test with its samples", { params: controlParams, response: { 200: testSchema } }),
    handler: async (request) => {
      const { organizationId, engagementId, controlId } = request.params;
      return tests.get(actorOf(request), organizationId, engagementId, controlId);
    },
  });

  app.put(TEST_URL, {
    ...route(
      'test.record',
      "Record the control's test over the one it has (then `version` is required; 409 when stale). Recorded results " +
        'are kept: `change` says whether to keep them and add samples (default), replace a test that holds none, or ' +
        'start a new test version that keeps the current one in the history; 409 names what would otherwise be lost. ' +
        'Stating or changing its population (size or scope limitation) also needs evidence.manage, which the auditor does not have',
      { params: controlParams, body: putTestBody, response: { 200: testSchema, 201: testSchema } },
    ),
    handler: async (request, reply) => {
      const { organizationId, engagementId, controlId } = request.params;
      const { version, change, reason, ...test } = request.body;
      const how = { change, reason };
      const { test: recorded, created } = await tests.put(actorOf(request), organizationId, engagementId, controlId, test, version, how);
      return reply.status(created ? 201 : 200).send(recorded);
    },
  });

  app.delete(TEST_URL, {
    ...route('test.record', "Delete the control's test with its samples and population (409 when `version` is stale; needs evidence.manage too)",
      { params: controlParams, querystring: versionQuery, response: { 204: z.null() } }),
    handler: async (request, reply) => {
      const { organizationId, engagementId, controlId } = request.params;
      await tests.remove(actorOf(request), organizationId, engagementId, controlId, request.query.version);
      return reply.status(204).send(null);
    },
  });

  app.put(`${TEST_URL}/population`, {
    // The organisation's evidence, not test work: the control's owner may state it, the auditor may not.
    ...route(
      'evidence.manage',
      "State the test's population (its size, or a scope limitation saying why it could not be produced), keeping " +
        'its method and samples (409 when `version` is stale); an owner may do so only for the controls it owns',
      { params: controlParams, body: putPopulationBody, response: { 200: testSchema } },
    ),
    handler: async (request) => {
      const { organizationId, engagementId, controlId } = request.params;
      const { version, ...evidence } = request.body;
      return tests.setPopulation(actorOf(request), organizationId, engagementId, controlId, evidence, version);
    },
  });

  app.post(`${TEST_URL}/samples`, {
    ...route(
      'test.record',
      'Add a sample to the test, or record the result of an item not yet tested (no more than the population, no item ' +
        'twice; a fail needs a note saying what deviated)',
      { params: controlParams, body: addSampleBody, response: { 201: recordedSampleSchema } },
    ),
    handler: async (request, reply) => {
      const { organizationId, engagementId, controlId } = request.params;
      const { version, ...sample } = request.body;
      const recorded = await tests.addSample(actorOf(request), organizationId, engagementId, controlId, sample, version);
      return reply.status(201).send(recorded);
    },
  });

  app.patch(`${TEST_URL}/samples/:item`, {
    ...route('test.record', "Record a sample's result or note: a fail needs a note saying what deviated, and changing a recorded result a `reason` (422 naming the field without them), kept in the audit event",
      { params: sampleParams, body: updateSampleBody, response: { 200: recordedSampleSchema } }),
    handler: async (request) => {
      const { organizationId, engagementId, controlId, item } = request.params;
      const { version, reason, ...patch } = request.body;
      return tests.updateSample(actorOf(request), organizationId, engagementId, controlId, item, patch, version, reason);
    },
  });
});
