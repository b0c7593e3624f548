/** Errors as RFC 9457 problem details: what every 4xx and 5xx answer of the API holds. */
import { z } from 'zod';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    /** Where the request is wrong: a JSON path into the body (`$.samples[3].item`), or the query or address part. */
    issues: z.array(z.object({ location: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof problemSchema>;
