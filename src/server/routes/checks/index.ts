/**
 * Monitoring's checks over HTTP (docs/monitoring-server.md): the engagement's checks with their latest result,
 * a check's runs (its history and trend), running it now, its schedule, and an export uploaded to one of its
 * sources (multipart, one file, streamed to a temporary file within the evidence limit: 413 above it; read whole
 * against the source's format: 422 naming the row and field; nothing kept either way).
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TooLargeError, ValidationError } from '../../../domain/errors.js';
import {
  checkJobSchema,
  checkParams,
  checkRunSchema,
  checkRunsPage,
  checkSchema,
  checkSourceParams,
  checksList,
  engagementParams,
  pageQuery,
  runCheckBody,
  scheduleBody,
  sourceAttachmentSchema,
} from '../../../contract/index.js';
import { ENGAGEMENT_URL, inEngagement } from '../../engagement-request.js';
import { replyWithPage } from '../../paging.js';
import type { ApiOptions } from '../index.js';
import { routeModule } from '../route.js';

const CHECKS_URL = `${ENGAGEMENT_URL}/checks`;
const CHECK_URL = `${CHECKS_URL}/:checkId`;

/**
 * Writes the one file of a multipart upload into a folder of its own, handing its path to `use`; the folder goes
 * after. An export is evidence, so it is held to the evidence store's limit (`ASSAY_EVIDENCE_MAX_BYTES`).
 */
async function withUploadedFile<T>(request: FastifyRequest, maxBytes: number, use: (upload: { path: string; fileName: string; mediaType: string }) => Promise<T>): Promise<T> {
  const file = await request.file({ limits: { fileSize: maxBytes, files: 1, fields: 0 } });
  if (!file) throw new ValidationError([{ location: 'form.file', message: 'send the export as the file of a multipart form' }], 'No file was sent');
  const folder = await mkdtemp(join(tmpdir(), 'assay-export-'));
  try {
    const fileName = basename(file.filename || 'export');
    const path = join(folder, 'upload');
    await pipeline(file.file, createWriteStream(path));
    if (file.file.truncated) throw new TooLargeError(`The export ${fileName}`, maxBytes);
    return await use({ path, fileName, mediaType: file.mimetype || 'application/octet-stream' });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

const routes = routeModule('checks', (app, route, { checks, evidence }) => {
  app.get(CHECKS_URL, {
    ...route('examination.read', "The engagement's checks, each with its sources (the export attached to each), latest run and schedule", {
      params: engagementParams,
      response: { 200: checksList },
    }),
    handler: async (request) => ({ items: await checks.list(...inEngagement(request)) }),
  });

  app.get(CHECK_URL, {
    ...route('examination.read', 'One check', { params: checkParams, response: { 200: checkSchema } }),
    handler: async (request) => checks.get(...inEngagement(request), request.params.checkId),
  });

  app.get(`${CHECK_URL}/runs`, {
    ...route('examination.read', "A page of the check's runs, the latest first: its history and its trend", {
      params: checkParams,
      querystring: pageQuery,
      response: { 200: checkRunsPage },
    }),
    handler: async (request) => replyWithPage(request.query, (page) => checks.runs(...inEngagement(request), request.params.checkId, page)),
  });

  app.post(`${CHECK_URL}/runs`, {
    ...route('check.run', 'Run the check now over the exports attached to it, as of a date (default today), and keep the run', {
      description: '422 when a source has no export attached. A failing run opens or updates the finding `F-MON-<check>` (reopening it as a regression after closure); a passing run retests that finding when it is ready for retest.',
      params: checkParams,
      body: runCheckBody,
      response: { 201: checkRunSchema },
    }),
    handler: async (request, reply) => {
      const asOf = request.body?.asOf;
      const run = await checks.run(...inEngagement(request), request.params.checkId, asOf === undefined ? {} : { asOf });
      return reply.status(201).send(run);
    },
  });

  app.put(`${CHECK_URL}/schedule`, {
    ...route('check.schedule', 'Set when the check runs by itself inside the server (a cron pattern, UTC), or stop it with null', {
      params: checkParams,
      body: scheduleBody,
      response: { 200: checkJobSchema.nullable() },
    }),
    handler: async (request) => checks.schedule(...inEngagement(request), request.params.checkId, request.body.schedule),
  });

  app.post(`${CHECK_URL}/sources/:source/export`, {
    ...route('evidence.manage', "Upload an export for one of the check's sources (multipart, one file): kept as evidence with source `export`", {
      description: `At most ${evidence.maxBytes / (1024 * 1024)} MB (413 above). The file is read whole against the source's format first: 422 naming the row and field of the first problem, and nothing is kept.`,
      params: checkSourceParams,
      response: { 201: sourceAttachmentSchema },
    }),
    handler: async (request, reply) => {
      const { checkId, source } = request.params;
      const attached = await withUploadedFile(request, evidence.maxBytes, (upload) => checks.attachExport(...inEngagement(request), checkId, source, upload));
      return reply.status(201).send(attached);
    },
  });
});

export async function checkRoutes(fastify: FastifyInstance, options: ApiOptions): Promise<void> {
  // Multipart bodies are read by this module's routes alone, as streams.
  await fastify.register(multipart);
  await routes(fastify, options);
}
