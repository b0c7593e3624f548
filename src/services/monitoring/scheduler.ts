/**
 * Scheduled checks inside `assay serve`: the schedule is durable (the `check_jobs` table), so what was due while
 * every server was down is still due when one starts, and runs once: claiming a job moves its next run to the
 * pattern's next moment after now (missed moments are not caught up one by one). The claim is one conditional
 * update of the job row, so of several servers polling the same database exactly one runs each due job.
 */
import { Cron } from 'croner';
import type { ChecksRepository } from '../../store/checks-repository.js';
import { OPERATOR } from '../platform/actor.js';
import { nextDue, type ChecksService } from './checks-service.js';

export interface SchedulerDependencies {
  checks: Pick<ChecksRepository, 'dueJobs' | 'claim'>;
  service: Pick<ChecksService, 'run'>;
  clock: () => Date;
  /** Who claims (a name for this server process), kept on the job row. */
  instance: string;
  /** Told of a scheduled run that failed; the scheduler goes on with the next. */
  onError?: (checkId: string, error: unknown) => void;
}

export interface RunDueOutcome {
  /** The checks run, by id. */
  ran: string[];
}

export function createCheckScheduler(deps: SchedulerDependencies) {
  const { checks, service, clock, instance } = deps;

  /** Runs every job due now that this server claims; each as the installation (the operator), its trigger `schedule`. */
  async function runDue(): Promise<RunDueOutcome> {
    const now = clock();
    const ran: string[] = [];
    for (const job of await checks.dueJobs(now)) {
      if (!(await checks.claim(job, nextDue(job.schedule, now), instance))) continue;
      try {
        await service.run(OPERATOR, job.organizationId, job.engagementId, job.checkId, { trigger: 'schedule' });
        ran.push(job.checkId);
      } catch (error) {
        deps.onError?.(job.checkId, error);
      }
    }
    return { ran };
  }

  return {
    runDue,
    /**
     * Runs what is due now, then looks again every minute (a pass still running is not started twice); returns
     * what stops it, waiting for a pass under way.
     */
    async start(): Promise<() => Promise<void>> {
      let running: Promise<void> = runDue().then(() => undefined);
      await running;
      const cron = new Cron('* * * * *', { protect: true, timezone: 'Etc/UTC' }, () => {
        running = runDue().then(() => undefined);
        return running;
      });
      return async () => {
        cron.stop();
        await running;
      };
    },
  };
}

export type CheckScheduler = ReturnType<typeof createCheckScheduler>;
