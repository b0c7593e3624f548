/** The trust page: its service over its own repository, the evidence blob store and the mail settings. */
import { createTrustRepository } from '../../store/trust-repository.js';
import type { EngagementScope } from '../engagements/engagement-scope.js';
import type { ExaminationService } from '../engagements/examination-service.js';
import type { BlobStore } from '../../store/blobs.js';
import type { Platform } from '../platform/index.js';
import { createTrustSubscriptionsRepository } from '../../store/trust-subscriptions-repository.js';
import type { WebhookSettings } from '../remediation/remediation-service.js';
import { smtpMailer, smtpSettingsFrom, type Mailer } from './mail.js';
import { createSubscriptionService } from './subscription-service.js';
import { createTrustService } from './trust-service.js';

export function createTrustServices(
  platform: Platform,
  options: { lookup: EngagementScope; examination: ExaminationService; blobs: BlobStore; maxBytes: number; mailer?: Mailer | null; webhooks?: WebhookSettings },
) {
  const { db, deps, clock, access, audit, repositories } = platform;
  const settings = options.mailer === undefined ? smtpSettingsFrom(process.env) : null;
  const mailer = options.mailer === undefined ? settings && smtpMailer(settings) : options.mailer;
  const trust = createTrustRepository(db, deps);
  const trustSubscriptions = createSubscriptionService({ db, subscriptions: createTrustSubscriptionsRepository(db, deps), trust, mailer, ...(options.webhooks && { webhooks: options.webhooks }), clock });
  return {
    trust: createTrustService({ db, trust, organizations: repositories.organizations, lookup: options.lookup, examination: options.examination, blobs: options.blobs, maxBytes: options.maxBytes, mailer, subscriptions: trustSubscriptions, access, audit, clock, ...(options.webhooks?.logFailure && { logFailure: options.webhooks.logFailure }) }),
    trustSubscriptions,
  };
}

export type { Mailer, MailMessage } from './mail.js';
export type { TrustService } from './trust-service.js';
export type { SubscriptionService } from './subscription-service.js';
