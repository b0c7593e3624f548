/** Monitoring's checks over HTTP: the checks of an engagement, their runs and schedule (docs/monitoring-server.md). */
import { z } from 'zod';
import { CHECK_RUN_TRIGGERS, CHECK_STATUSES, EVIDENCE_FORMATS } from '../domain/index.js';
import { MAX_ID_LENGTH } from '../domain/limits.js';
import { engagementParams } from './engagements.js';
import { date } from './fields.js';
import { paged } from './paging.js';

const count = z.number().int();
const name = z.string().min(1).max(MAX_ID_LENGTH);

export const checkParams = engagementParams.extend({ checkId: name });
export const checkSourceParams = checkParams.extend({ source: name });

export const sourceAttachmentSchema = z
  .object({ sourceName: z.string(), evidenceId: z.string(), sha256: z.string(), fileName: z.string(), attachedAt: z.string(), attachedBy: z.string() })
  .meta({ id: 'CheckSourceAttachment' });

export const checkRunSchema = z
  .object({
    id: z.string(),
    checkId: z.string(),
    asOf: z.string(),
    ranAt: z.string(),
    trigger: z.enum(CHECK_RUN_TRIGGERS),
    status: z.enum(CHECK_STATUSES),
    population: count,
    failures: count,
    failing: z.array(z.object({ item: z.string(), reason: z.string() })),
    /** Only for `error`: why the check could not conclude. */
    error: z.string().nullable(),
    /** The evidence each source was read from. */
    sources: z.array(z.object({ source: z.string(), evidenceId: z.string(), sha256: z.string(), fileName: z.string() })),
    /** The finding the run opened, updated or retested. */
    findingCode: z.string().nullable(),
  })
  .meta({ id: 'CheckRun' });

export const checkJobSchema = z
  .object({ schedule: z.string(), nextDueAt: z.string(), lastClaimedAt: z.string().nullable() })
  .meta({ id: 'CheckSchedule' });

export const checkSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    controls: z.array(z.string()),
    kind: z.enum(['builtin', 'cel']),
    sources: z.array(z.object({ name: z.string(), format: z.enum(EVIDENCE_FORMATS), file: z.string(), attached: sourceAttachmentSchema.nullable() })),
    latestRun: checkRunSchema.nullable(),
    schedule: checkJobSchema.nullable(),
  })
  .meta({ id: 'Check' });

export const checksList = z.object({ items: z.array(checkSchema) }).meta({ id: 'Checks' });
export const checkRunsPage = paged(checkRunSchema).meta({ id: 'CheckRuns' });

export const runCheckBody = z.strictObject({ asOf: date.optional() }).default({});
/** A cron pattern in UTC (`0 6 * * *`: every day at 06:00), or null to stop running by itself. */
export const scheduleBody = z.strictObject({ schedule: z.string().min(1).max(100).nullable() });

export type Check = z.infer<typeof checkSchema>;
export type CheckRun = z.infer<typeof checkRunSchema>;
