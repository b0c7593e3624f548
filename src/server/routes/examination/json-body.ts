/**
 * Sending JSON that is already serialized: the cached examination result, and pages of controls that the
 * service hands out again while their engagement is unchanged. A Buffer with a JSON content type skips
 * Fastify's serializer, so the bytes go out as they are; what is serialized here goes through the route's
 * response schema first (zod's encode, as the serializer would), so no undeclared field ever leaves.
 */
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';

export function sendJson(reply: FastifyReply, body: Buffer): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(body);
}

/**
 * Serializes values through `schema` once per value: the same (unchanged, shared) object is encoded again
 * only after it has been garbage-collected. For values that are never mutated after they are handed out.
 */
export function serializedOnce<Input>(schema: z.ZodType<unknown, Input>) {
  const bodies = new WeakMap<object, Buffer>();
  /** `envelope` makes the response of the value; it depends on nothing but the value. */
  return <T extends object>(value: T, envelope: (value: T) => Input): Buffer => {
    let body = bodies.get(value);
    if (!body) {
      body = Buffer.from(JSON.stringify(schema.encode(envelope(value))), 'utf8');
      bodies.set(value, body);
    }
    return body;
  };
}
