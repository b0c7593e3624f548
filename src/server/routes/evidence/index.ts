/**
 * The evidence store over HTTP: uploads as multipart forms (several files at once, each streamed into the blob
 * store within the limit: 413 above it, with nothing kept), the list, one record, its bytes as a download,
 * superseding and deleting. Every member of the organisation reads evidence; providing it is `evidence.manage`.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../domain/index.js';
import { MAX_EVIDENCE_FILES_PER_UPLOAD } from '../../../domain/limits.js';
import type { EvidenceFile } from '../../../services/evidence/index.js';
import { ENGAGEMENT_URL, inEngagement } from '../../engagement-request.js';
import { replyWithPage } from '../../paging.js';
import type { ApiOptions } from '../index.js';
import { routeModule } from '../route.js';
import { evidenceRequestRoutes } from './requests.js';
import { EVIDENCE_UPLOAD_FIELDS, engagementParams, evidenceAdded, evidenceContent, evidenceDeletionQuery, evidenceList, evidenceParams, evidenceQuery, evidenceSchema } from '../../../contract/index.js';

const EVIDENCE_URL = `${ENGAGEMENT_URL}/evidence`;
const MB = 1024 * 1024;

type UploadField = (typeof EVIDENCE_UPLOAD_FIELDS)[number];
type UploadLimits = NonNullable<Parameters<FastifyRequest['parts']>[0]>['limits'];

/**
 * The files of a multipart upload as they arrive, each described by the fields sent before it. A field the
 * upload does not know, or a second value of a single field, is refused by its name.
 */
async function* uploadedFiles(request: FastifyRequest, limits: UploadLimits, fields: Map<UploadField, string[]> = new Map()): AsyncGenerator<EvidenceFile> {
  const single = (name: UploadField) => fields.get(name)?.[0] ?? null;
  for await (const part of request.parts({ limits })) {
    if (part.type === 'field') {
      const name = part.fieldname as UploadField;
      if (!(EVIDENCE_UPLOAD_FIELDS as readonly string[]).includes(name) || typeof part.value !== 'string') {
        throw new ValidationError([{ location: `form.${part.fieldname}`, message: `not a field of an upload (${EVIDENCE_UPLOAD_FIELDS.join(', ')}, then the files)` }], 'The upload is not valid');
      }
      const values = name === 'controls' ? part.value.split(',').map((c) => c.trim()).filter(Boolean) : [part.value.trim()];
      if (name !== 'controls' && fields.has(name)) throw new ValidationError([{ location: `form.${name}`, message: 'sent twice' }], 'The upload is not valid');
      fields.set(name, [...(fields.get(name) ?? []), ...values]);
      continue;
    }
    yield {
      content: part.file,
      fileName: part.filename,
      mediaType: part.mimetype,
      controls: fields.get('controls') ?? [],
      coversFrom: single('coversFrom'),
      coversTo: single('coversTo'),
      source: 'upload',
    };
  }
}

const noFile = () => new ValidationError([{ location: 'form', message: 'send at least one file' }], 'The upload holds no file');

/** `attachment` with the stored name: an ASCII stand-in for old clients and the exact name in UTF-8 (RFC 6266). */
function asDownload(reply: FastifyReply, fileName: string, mediaType: string, size: number): FastifyReply {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return reply
    .type(mediaType)
    .header('content-length', String(size))
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('x-content-type-options', 'nosniff')
    // Opened anyway, the file runs no script and reaches nothing of the app's.
    .header('content-security-policy', "sandbox; default-src 'none'")
    .header('cache-control', 'private, no-cache');
}

const routes = routeModule('evidence', (app, route, { evidence }) => {
  const uploadLimits = { fileSize: evidence.maxBytes + 1, files: MAX_EVIDENCE_FILES_PER_UPLOAD, fields: 50, fieldSize: 10_000, parts: MAX_EVIDENCE_FILES_PER_UPLOAD + 50 };
  const description =
    `A multipart form: the fields \`controls\` (repeated or comma-separated control ids), \`coversFrom\` and \`coversTo\` (YYYY-MM-DD), then up to ${MAX_EVIDENCE_FILES_PER_UPLOAD} files of at most ` +
    `${(evidence.maxBytes / MB).toFixed(evidence.maxBytes % MB === 0 ? 0 : 1)} MB each (413 above it, and nothing of the upload is kept). All or nothing: 422 naming the field of the first problem.`;

  app.get(EVIDENCE_URL, {
    ...route('engagement.read', 'A page of the engagement’s evidence, newest first, by control, period and state (what stands by default)', {
      params: engagementParams,
      querystring: evidenceQuery,
      response: { 200: evidenceList },
    }),
    handler: async (request) => {
      const { limit, offset, ...filters } = request.query;
      return replyWithPage({ limit, offset }, (page) => evidence.list(...inEngagement(request), { ...page, ...filters }));
    },
  });

  app.post(EVIDENCE_URL, {
    ...route('evidence.manage', 'Upload evidence files (an owner for its own controls)', { description, params: engagementParams, response: { 201: evidenceAdded } }),
    handler: async (request, reply) => {
      const added = await evidence.addAll(...inEngagement(request), uploadedFiles(request, uploadLimits));
      if (added.length === 0) throw noFile();
      return reply.status(201).send({ evidence: added });
    },
  });

  app.get(`${EVIDENCE_URL}/:evidenceId`, {
    ...route('engagement.read', 'One evidence record', { params: evidenceParams, response: { 200: evidenceSchema } }),
    handler: async (request) => evidence.get(...inEngagement(request), request.params.evidenceId),
  });

  app.get(`${EVIDENCE_URL}/:evidenceId/content`, {
    ...route('engagement.read', 'The evidence file itself, as a download (404 once deleted)', { params: evidenceParams, response: { 200: evidenceContent } }),
    handler: async (request, reply) => {
      const { record, content } = await evidence.open(...inEngagement(request), request.params.evidenceId);
      return asDownload(reply, record.fileName, record.mediaType, record.size).send(content);
    },
  });

  app.post(`${EVIDENCE_URL}/:evidenceId/supersede`, {
    ...route('evidence.manage', 'Supersede a record with a new file: the field `version` (the record’s), then one file; the controls and period stay unless sent', {
      description: `${description} The record is kept, marked superseded by the new one (409 when the version is stale or it was superseded or deleted already).`,
      params: evidenceParams,
      response: { 201: evidenceSchema },
    }),
    handler: async (request, reply) => {
      const fields = new Map<UploadField, string[]>();
      for await (const file of uploadedFiles(request, { ...uploadLimits, files: 1 }, fields)) {
        const version = Number(fields.get('version')?.[0]);
        if (!Number.isInteger(version) || version < 1) throw new ValidationError([{ location: 'form.version', message: 'send the record’s version before the file' }], 'The upload is not valid');
        const replacement = await evidence.supersede(...inEngagement(request), request.params.evidenceId, version, {
          content: file.content,
          fileName: file.fileName,
          mediaType: file.mediaType,
          ...(fields.has('controls') && { controls: file.controls }),
          ...(fields.has('coversFrom') && { coversFrom: file.coversFrom }),
          ...(fields.has('coversTo') && { coversTo: file.coversTo }),
        });
        return reply.status(201).send(replacement);
      }
      throw noFile();
    },
  });

  app.delete(`${EVIDENCE_URL}/:evidenceId`, {
    ...route('evidence.manage', 'Delete a record at its version, saying why: it stays on record, hash and bytes kept, marked deleted (409 when stale)', {
      params: evidenceParams,
      querystring: evidenceDeletionQuery,
      response: { 200: evidenceSchema },
    }),
    handler: async (request) => evidence.remove(...inEngagement(request), request.params.evidenceId, request.query.version, request.query.reason ?? null),
  });
});

export async function evidenceRoutes(fastify: FastifyInstance, options: ApiOptions): Promise<void> {
  // Multipart bodies are read by this module's routes alone, as streams (never buffered whole).
  await fastify.register(multipart);
  await routes(fastify, options);
  await evidenceRequestRoutes(fastify, options);
}
