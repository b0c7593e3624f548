/**
 * Report jobs (docs/report-delivery.md): a document of an engagement asked for through the API is rendered in a
 * worker thread of the serving process after the request is answered (the event loop stays free for every other
 * request), its progress written to the job's row a few times a second, its bytes kept in the row when done. An
 * organisation runs only a few at once (the rest are refused with a time to retry), so documents cannot take the
 * server from everyone else; a job whose process died is reported failed.
 */
import { bridgeEndRefusal, ConflictError, isoDate, NotFoundError, TooManyAttemptsError, ValidationError, type Issue } from '../../domain/index.js';
import { RenderTimeLimitError, renderInWorker } from '../../reports/render-in-worker.js';
import { CONTENT_TYPES, formatRefusal, type DocumentFormat, type DocumentType, type renderReport } from '../../reports/render-report.js';
import type { ReportData } from '../../reports/documents/index.js';
import type { ReportJobsRepository, StoredReportJob } from '../../store/report-jobs-repository.js';
import { toTimestamp, type Executor, type Trx } from '../../store/values.js';
import type { EngagementScope } from '../engagements/engagement-scope.js';
import { reportFileName } from '../engagements/workspace-service.js';
import type { Access } from '../platform/access.js';
import { describeActor, type Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';
import { UnderWay } from '../platform/under-way.js';
import type { ReportDataLoader } from './report-data.js';

export const REPORT_JOB_LIMITS = {
  /** Jobs an organisation may have running at once; one more is refused (429) until one ends. */
  runningPerOrganization: 3,
  /** What a refused request is told to wait, in seconds: about how long a document takes. */
  retryAfterSeconds: 10,
  /** A running job not touched for this long was left by a process that stopped: it is reported failed. */
  staleAfterMs: 5 * 60_000,
  /** Progress is written at most this often (and touched this often while nothing progresses). */
  progressEveryMs: 250,
  heartbeatEveryMs: 30_000,
  /** Jobs the engagement's list shows, newest first. */
  recent: 20,
} as const;

export interface ReportRequest {
  type: DocumentType;
  format: DocumentFormat;
  /** The bridge letter's end, YYYY-MM-DD; only for the bridge letter. */
  to?: string | null;
}

export interface ReportJobView {
  id: string;
  type: DocumentType;
  format: DocumentFormat;
  bridgeTo: string | null;
  status: StoredReportJob['status'];
  progress: number;
  error: string | null;
  fileName: string | null;
  size: number | null;
  requestedBy: string;
  requestedAt: string;
  finishedAt: string | null;
}

export interface ReportFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

export const STOPPED_JOB = 'The server generating this report stopped before it finished: start it again.';
export const UNEXPECTED = 'The report could not be written because of an unexpected error on the server.';

export function createReportJobsService(deps: {
  db: Executor;
  jobs: ReportJobsRepository;
  loader: ReportDataLoader;
  lookup: EngagementScope;
  access: Access;
  audit: AuditLog;
  clock: () => Date;
  newId: () => string;
  /** The one entry documents are rendered through: in worker threads (replaced in tests to render slowly). */
  render?: typeof renderReport;
  /** Told of an error no user caused, for the server's log. */
  onError?: (jobId: string, error: unknown) => void;
  limits?: Partial<Record<keyof typeof REPORT_JOB_LIMITS, number>>;
}) {
  const { db, jobs, loader, lookup, access, audit, clock, newId } = deps;
  let onError = deps.onError;
  const render = deps.render ?? renderInWorker;
  const limits = { ...REPORT_JOB_LIMITS, ...deps.limits };
  /** This process's jobs under way: never reported stopped, whatever their last touch. */
  const underWay = new UnderWay<void>();
  const staleBefore = () => toTimestamp(new Date(clock().getTime() - limits.staleAfterMs));

  function view(job: StoredReportJob): ReportJobView {
    const stopped = job.status === 'running' && !underWay.has(job.id) && job.touchedAt < staleBefore();
    return {
      id: job.id,
      type: job.type,
      format: job.format,
      bridgeTo: job.bridgeTo,
      status: stopped ? 'failed' : job.status,
      progress: job.progress,
      error: stopped ? STOPPED_JOB : job.error,
      fileName: job.fileName,
      size: job.size,
      requestedBy: job.requestedBy,
      requestedAt: job.requestedAt,
      finishedAt: job.finishedAt,
    };
  }

  async function find(organizationId: string, engagementId: string, jobId: string): Promise<StoredReportJob> {
    await lookup.engagement(organizationId, engagementId);
    const job = await jobs.find(organizationId, engagementId, jobId);
    if (!job) throw new NotFoundError(`Report job ${jobId}`);
    return job;
  }

  /** Renders the job's document and keeps it, or keeps why it could not be. */
  async function run(job: StoredReportJob): Promise<void> {
    let done = 0;
    let lastWritten = 0;
    // Writes go one after another, so a late progress never lands after the job ended.
    let writes: Promise<void> = Promise.resolve();
    const touch = () => (writes = writes.then(() => jobs.progress(job.id, done)).catch((error: unknown) => onError?.(job.id, error)));
    const heartbeat = setInterval(touch, limits.heartbeatEveryMs);
    heartbeat.unref();
    try {
      const data = await loader.load(job.organizationId, job.engagementId);
      const bytes = await render(job.type, job.format, data, {
        bridgeTo: job.bridgeTo,
        watermark: null,
        onProgress: (share) => {
          done = Math.min(Math.max(share, 0), 1);
          const now = clock().getTime();
          if (now - lastWritten < limits.progressEveryMs) return;
          lastWritten = now;
          touch();
        },
      });
      clearInterval(heartbeat);
      await writes;
      const { engagement } = data.examination;
      await jobs.finish(job.id, { fileName: reportFileName(engagement.organization, engagement.periodEnd, `${job.type}.${job.format}`), content: bytes });
      await jobs.dropOlderContent(job.engagementId, limits.recent).catch((error: unknown) => onError?.(job.id, error));
    } catch (error) {
      clearInterval(heartbeat);
      await writes;
      // The data of a deleted engagement, or input the documents refuse, is said as it is; anything else is ours.
      const said = error instanceof ValidationError || error instanceof NotFoundError;
      if (!said) onError?.(job.id, error);
      // A render stopped at its time limit is ours too (logged), but the job says so: asking again may not help.
      const message = said || error instanceof RenderTimeLimitError ? error.message : UNEXPECTED;
      // Runs after the answer, awaited by no request: it must never reject.
      await jobs.fail(job.id, message).catch((failure: unknown) => onError?.(job.id, failure));
    }
  }

  /** The caller may read reports, and the request names a document that can be written: its bridge letter end is returned. */
  async function accept(actor: Actor, organizationId: string, request: ReportRequest): Promise<string | null> {
    await access.require(actor, organizationId, 'report.read');
    const bridgeTo = request.to ?? null;
    const issues: Issue[] = [];
    const refusal = formatRefusal(request.type, request.format);
    if (refusal !== null) issues.push({ location: '$.format', message: refusal });
    if (bridgeTo !== null && request.type !== 'bridge-letter') issues.push({ location: '$.to', message: "is the bridge letter's end date: only the bridge-letter takes it" });
    if (issues.length > 0) throw new ValidationError(issues, 'This report cannot be generated');
    return bridgeTo;
  }

  /** The engagement is the organisation's, and a bridge letter asked of it ends after its period and by today. */
  async function acceptEngagement(organizationId: string, engagementId: string, request: ReportRequest, trx: Executor): Promise<void> {
    const engagement = await lookup.engagement(organizationId, engagementId, trx);
    // Refused now, where the caller hears why, not later in a job that fails.
    const endRefusal = request.type === 'bridge-letter' ? bridgeEndRefusal(request.to ?? isoDate(clock()), engagement.periodEnd, isoDate(clock())) : null;
    if (endRefusal !== null) throw new ValidationError([{ location: '$.to', message: endRefusal }], 'This report cannot be generated');
  }

  function recordGenerated(trx: Trx, actor: Actor, organizationId: string, engagementId: string, job: string | null, request: ReportRequest): Promise<unknown> {
    return audit.record(trx, actor, {
      type: 'report.generated',
      organizationId,
      subject: `engagement:${engagementId}`,
      after: { job, type: request.type, format: request.format, bridgeTo: request.to ?? null },
    });
  }

  return {
    /**
     * Starts rendering a document of the engagement and answers at once with its job; the job row and the audit
     * event are written together. Refused: a combination no document takes (422), more running than the limit (429).
     */
    async start(actor: Actor, organizationId: string, engagementId: string, request: ReportRequest): Promise<ReportJobView> {
      const bridgeTo = await accept(actor, organizationId, request);
      const job = await db.transaction().execute(async (trx) => {
        await acceptEngagement(organizationId, engagementId, request, trx);
        const running = await jobs.countRunning(organizationId, staleBefore(), trx);
        if (running >= limits.runningPerOrganization) {
          throw new TooManyAttemptsError(
            limits.retryAfterSeconds,
            `${running} reports of the organisation are being generated, the most at once; try again in ${limits.retryAfterSeconds} seconds`,
          );
        }
        const created = await jobs.create(newId(), { organizationId, engagementId, type: request.type, format: request.format, bridgeTo, requestedBy: describeActor(actor) }, trx);
        await recordGenerated(trx, actor, organizationId, engagementId, created.id, request);
        return created;
      });
      void underWay.start(job.id, () => run(job));
      return view(job);
    },

    /**
     * The data of a document its caller renders at once in its own process (the command line), read as a job
     * reads it: the same refusals and the same audit event as `start`, which names no job (there is none).
     */
    async dataFor(actor: Actor, organizationId: string, engagementId: string, request: ReportRequest): Promise<ReportData> {
      await accept(actor, organizationId, request);
      await db.transaction().execute(async (trx) => {
        await acceptEngagement(organizationId, engagementId, request, trx);
        await recordGenerated(trx, actor, organizationId, engagementId, null, request);
      });
      return loader.load(organizationId, engagementId);
    },

    async get(actor: Actor, organizationId: string, engagementId: string, jobId: string): Promise<ReportJobView> {
      await access.require(actor, organizationId, 'report.read');
      return view(await find(organizationId, engagementId, jobId));
    },

    /** The engagement's latest jobs, newest first. */
    async list(actor: Actor, organizationId: string, engagementId: string): Promise<ReportJobView[]> {
      await access.require(actor, organizationId, 'report.read');
      await lookup.engagement(organizationId, engagementId);
      return (await jobs.recent(engagementId, limits.recent)).map(view);
    },

    /** A done job's document; one still running or failed has none (409). */
    async file(actor: Actor, organizationId: string, engagementId: string, jobId: string): Promise<ReportFile> {
      await access.require(actor, organizationId, 'report.read');
      const job = view(await find(organizationId, engagementId, jobId));
      const content = job.status === 'done' ? await jobs.content(organizationId, engagementId, jobId) : null;
      if (content === null || job.fileName === null) throw new ConflictError(`Report job ${jobId} has no document: it ${job.status === 'running' ? 'is still running' : job.status === 'failed' ? 'failed' : 'is older than the latest kept; generate it again'}`);
      return { fileName: job.fileName, contentType: CONTENT_TYPES[job.format], content: Buffer.from(content) };
    },

    /** Where errors no user caused go from now on (the server's log): a job runs after its request has been answered. */
    logErrorsTo(listener: (jobId: string, error: unknown) => void): void {
      onError = listener;
    },

    /** Resolves once every job this process is running has ended (a server closing, a test reading the outcome). */
    async settled(): Promise<void> {
      await underWay.settled();
    },
  };
}

export type ReportJobsService = ReturnType<typeof createReportJobsService>;
