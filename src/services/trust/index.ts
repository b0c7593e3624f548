/** The trust page: its service over its own repository, the evidence blob store and the mail settings. */
import { createTrustRepository } from '../../store/trust-repository.js';
import type { EngagementScope } from '../engagements/engagement-scope.js';
import type { ExaminationService } from '../engagements/examination-service.js';
import type { BlobStore } from '../../store/blobs.js';
import type { Platform } from '../platform/index.js';
import { smtpMailer, smtpSettingsFrom, type Mailer } from './mail.js';
import { createTrustService } from './trust-service.js';

export function createTrustServices(
  platform: Platform,
  options: { lookup: EngagementScope; examination: ExaminationService; blobs: BlobStore; maxBytes: number; mailer?: Mailer | null },
) {
  const { db, deps, clock, access, audit, repositories } = platform;
  const settings = options.mailer === undefined ? smtpSettingsFrom(process.env) : null;
  const mailer = options.mailer === undefined ? settings && smtpMailer(settings) : options.mailer;
  return {
    trust: createTrustService({ db, trust: createTrustRepository(db, deps), organizations: repositories.organizations, lookup: options.lookup, examination: options.examination, blobs: options.blobs, maxBytes: options.maxBytes, mailer, access, audit, clock }),
  };
}

export type { Mailer, MailMessage } from './mail.js';
export type { TrustService } from './trust-service.js';
