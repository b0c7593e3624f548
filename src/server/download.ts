/** A response the browser saves as a file: its name, and never kept by a shared cache (it is one organisation's). */
import type { FastifyReply } from 'fastify';

export function asAttachment(reply: FastifyReply, fileName: string): FastifyReply {
  return reply.header('content-disposition', `attachment; filename="${fileName}"`).header('cache-control', 'private, no-cache');
}
