/**
 * Evidence: the store of files provided for an engagement (their bytes in a blob store addressed by SHA-256) and
 * the auditor's requests for them. The bytes live in the database unless `blobDir` (`ASSAY_BLOB_DIR`) names a
 * folder; one file is at most `maxBytes` (`ASSAY_EVIDENCE_MAX_BYTES`, 50 MB by default).
 */
import { DEFAULT_MAX_EVIDENCE_BYTES } from '../../domain/limits.js';
import { createBlobStore } from '../../store/blobs.js';
import { createEvidenceRepository } from '../../store/evidence-repository.js';
import type { EngagementScope } from '../engagements/engagement-scope.js';
import type { Platform } from '../platform/index.js';
import { createEvidenceService } from './evidence-service.js';
import { createRequestsService } from './requests-service.js';
import { createEvidenceRequestsRepository } from '../../store/evidence-requests-repository.js';

export interface EvidenceSettings {
  /** A folder for the bytes; the database holds them when null. */
  blobDir: string | null;
  maxBytes: number;
}

/** The settings from the environment: `ASSAY_BLOB_DIR`, `ASSAY_EVIDENCE_MAX_BYTES` (a whole number of bytes). */
export function evidenceSettingsFrom(env: NodeJS.ProcessEnv): EvidenceSettings {
  const max = env.ASSAY_EVIDENCE_MAX_BYTES?.trim();
  if (max !== undefined && max !== '' && !/^[1-9]\d*$/.test(max)) {
    throw new Error(`ASSAY_EVIDENCE_MAX_BYTES must be a whole number of bytes, not "${max}"`);
  }
  return { blobDir: env.ASSAY_BLOB_DIR?.trim() || null, maxBytes: max ? Number(max) : DEFAULT_MAX_EVIDENCE_BYTES };
}

export function createEvidenceServices(platform: Platform, options: { lookup: EngagementScope; settings?: EvidenceSettings }) {
  const { db, deps, clock, access, audit, repositories } = platform;
  const settings = options.settings ?? evidenceSettingsFrom(process.env);
  const blobs = createBlobStore(db, deps, settings.blobDir);
  const evidence = createEvidenceRepository(db, deps);
  return {
    blobs,
    evidence: createEvidenceService({ db, evidence, controls: repositories.controls, blobs, lookup: options.lookup, access, audit, maxBytes: settings.maxBytes }),
    evidenceRequests: createRequestsService({ db, requests: createEvidenceRequestsRepository(db, deps), evidence, controls: repositories.controls, lookup: options.lookup, access, audit, clock }),
  };
}

export type { BlobStore, BlobCondition, Content, StoredBlob } from '../../store/blobs.js';
export type { EvidenceFilters, StoredEvidence } from '../../store/evidence-repository.js';
export type { RequestBoard, RequestsService } from './requests-service.js';
export type { BlobProblem, BlobReport, EvidenceFile, EvidenceService, Replacement } from './evidence-service.js';
