/**
 * The corrective action plan of an engagement as a whole: its target date, where reminders go, and how many
 * days ahead an action counts as due soon. The actions themselves live on the findings.
 */
import type { Issue } from '../errors.js';

export const DEFAULT_DUE_SOON_DAYS = 14;
export const MIN_DUE_SOON_DAYS = 1;
export const MAX_DUE_SOON_DAYS = 90;
export const MAX_WEBHOOK_URL_LENGTH = 2000;

export interface RemediationPlan {
  /** ISO date by which every corrective action should be done; null: the latest due date stands in. */
  targetDate: string | null;
  /** Where reminders are POSTed as JSON; null: in the app only. */
  webhookUrl: string | null;
  /** An action not done and due within this many days is due soon. */
  dueSoonDays: number;
}

/** What an engagement's plan is until someone sets one. */
export const DEFAULT_PLAN: RemediationPlan = { targetDate: null, webhookUrl: null, dueSoonDays: DEFAULT_DUE_SOON_DAYS };

/** Why `url` cannot be a webhook, or null when it can: an absolute http(s) URL without credentials. */
export function webhookUrlProblem(url: string): string | null {
  if (url.length > MAX_WEBHOOK_URL_LENGTH) return `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters long`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute URL, e.g. https://hooks.example.com/assay';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return `must be an http or https URL, not ${parsed.protocol.slice(0, -1)}`;
  // Credentials in the URL would be shown to everyone who may read the plan and written into the audit log.
  if (parsed.username !== '' || parsed.password !== '') return 'must not carry a user name or password';
  return null;
}

/** Every problem of a plan, at its JSON path in the request that sets it. */
export function checkPlan(plan: RemediationPlan): Issue[] {
  const issues: Issue[] = [];
  if (plan.webhookUrl !== null) {
    const problem = webhookUrlProblem(plan.webhookUrl);
    if (problem !== null) issues.push({ location: '$.webhookUrl', message: problem });
  }
  if (!Number.isInteger(plan.dueSoonDays) || plan.dueSoonDays < MIN_DUE_SOON_DAYS || plan.dueSoonDays > MAX_DUE_SOON_DAYS) {
    issues.push({ location: '$.dueSoonDays', message: `must be a whole number of days from ${MIN_DUE_SOON_DAYS} to ${MAX_DUE_SOON_DAYS}` });
  }
  return issues;
}

/**
 * The webhook as people without the right to manage the plan see it, and as the audit log records it: its
 * origin only. Chat and automation webhooks carry their secret in the path.
 */
export function maskWebhookUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return '…';
  }
}
