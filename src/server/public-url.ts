/**
 * The address people use to reach the installation, for the links it hands out (invitations): the configured
 * public URL (`--public-url`, `ASSAY_PUBLIC_URL`), else the one the request came to (behind a trusted proxy, the
 * proxy's forwarded scheme and host).
 */
import type { FastifyRequest } from 'fastify';

export function publicBaseUrl(request: FastifyRequest, configured: string | null): string {
  return configured ?? `${request.protocol}://${request.host}`;
}
