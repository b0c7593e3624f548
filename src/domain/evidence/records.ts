/**
 * Evidence as the store keeps it: a file provided for an engagement, addressed by the SHA-256 of its bytes, for
 * some of its controls, covering a period. A record is never edited: a newer one supersedes it, and a deletion
 * is a marker that keeps the hash, so what was provided stays on record (docs/evidence.md).
 */
import { isRealDate } from '../dates.js';
import { MAX_EVIDENCE_FILE_NAME_LENGTH, MAX_LIST_LENGTH, MAX_MEDIA_TYPE_LENGTH } from '../limits.js';
import type { Problem } from '../problems.js';

/** Where a record came from: a person's upload, an export of another system, or a check's run. */
export const EVIDENCE_SOURCES = ['upload', 'export', 'check-run'] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

/** Whether a record still stands, was replaced by a newer one, or was deleted (its hash kept). */
export const EVIDENCE_STATES = ['current', 'superseded', 'deleted'] as const;
export type EvidenceState = (typeof EVIDENCE_STATES)[number];

export interface EvidenceRecord {
  id: string;
  engagementId: string;
  /** SHA-256 of the bytes, hex: the blob's address. */
  sha256: string;
  fileName: string;
  mediaType: string;
  size: number;
  /** The controls (their ids, e.g. `AC-04`) it is evidence for. */
  controls: string[];
  /** The period it covers (`YYYY-MM-DD`), null where not stated. */
  coversFrom: string | null;
  coversTo: string | null;
  collectedAt: string;
  /** Who collected it, in the audit log's words. */
  collectedBy: string;
  source: EvidenceSource;
  supersededBy: string | null;
  deletedAt: string | null;
  deletedBy: string | null;
  deletionReason: string | null;
  /** The period it covers reaches outside the engagement's period. */
  outsidePeriod: boolean;
  state: EvidenceState;
  version: number;
}

/** What describes a file given to the store, before its bytes are stored. */
export interface EvidenceDescription {
  fileName: string;
  mediaType: string;
  controls: readonly string[];
  coversFrom?: string | null;
  coversTo?: string | null;
  source: EvidenceSource;
}

/**
 * Problems with a file's description, at its fields: a file name without folders, a media type, real dates
 * in order, controls named once. Whether the controls exist is the engagement's to say.
 */
export function evidenceProblems(input: EvidenceDescription): Problem[] {
  const problems: Problem[] = [];
  const name = input.fileName.trim();
  if (name === '') problems.push({ path: ['fileName'], message: 'a file name is required' });
  else if (name.length > MAX_EVIDENCE_FILE_NAME_LENGTH) problems.push({ path: ['fileName'], message: `at most ${MAX_EVIDENCE_FILE_NAME_LENGTH} characters` });
  // A name is shown and offered back on download: no folder, no control character can come with it.
  else if (/[/\\]/.test(name) || [...name].some((c) => c < ' ' || c === '\u007f') || name === '.' || name === '..') problems.push({ path: ['fileName'], message: 'a file name without folders or control characters' });
  if (!/^[\w.+-]+\/[\w.+-]+$/.test(input.mediaType) || input.mediaType.length > MAX_MEDIA_TYPE_LENGTH) {
    problems.push({ path: ['mediaType'], message: 'a media type such as application/pdf' });
  }
  if (!(EVIDENCE_SOURCES as readonly string[]).includes(input.source)) problems.push({ path: ['source'], message: `one of ${EVIDENCE_SOURCES.join(', ')}` });
  if (input.controls.length > MAX_LIST_LENGTH) problems.push({ path: ['controls'], message: `at most ${MAX_LIST_LENGTH} controls` });
  const seen = new Set<string>();
  input.controls.forEach((control, index) => {
    if (seen.has(control)) problems.push({ path: ['controls', index], message: `${control} is named twice` });
    seen.add(control);
  });
  const from = input.coversFrom ?? null;
  const to = input.coversTo ?? null;
  for (const [field, value] of [['coversFrom', from], ['coversTo', to]] as const) {
    if (value !== null && !isRealDate(value)) problems.push({ path: [field], message: 'a date written YYYY-MM-DD' });
  }
  if (from !== null && to !== null && isRealDate(from) && isRealDate(to) && from > to) {
    problems.push({ path: ['coversFrom'], message: `the evidence covers from ${from}, after ${to}, where it ends` });
  }
  return problems;
}

/**
 * Whether evidence covering `covers` reaches outside the engagement's period (a Type 1's is its one date). Evidence
 * that states no period is judged by the day it was collected: the day it shows things as they were.
 */
export function outsidePeriod(
  covers: { coversFrom: string | null; coversTo: string | null; collectedAt: string },
  period: { periodStart: string | null; periodEnd: string },
): boolean {
  const start = period.periodStart ?? period.periodEnd;
  const from = covers.coversFrom ?? covers.coversTo ?? covers.collectedAt.slice(0, 10);
  const to = covers.coversTo ?? covers.coversFrom ?? covers.collectedAt.slice(0, 10);
  return from < start || to > period.periodEnd;
}

/** Where a record stands, from its markers. */
export function evidenceState(record: { supersededBy: string | null; deletedAt: string | null }): EvidenceState {
  if (record.deletedAt !== null) return 'deleted';
  return record.supersededBy === null ? 'current' : 'superseded';
}

/** Media types of the files evidence usually is, by extension; anything else is plain bytes. */
const MEDIA_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  csv: 'text/csv',
  txt: 'text/plain',
  log: 'text/plain',
  md: 'text/markdown',
  json: 'application/json',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  xml: 'application/xml',
  html: 'text/html',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  zip: 'application/zip',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  eml: 'message/rfc822',
};

/** The media type a file's name suggests (for files read from disk, which carry none). */
export function mediaTypeOf(fileName: string): string {
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return MEDIA_TYPES[extension] ?? 'application/octet-stream';
}
