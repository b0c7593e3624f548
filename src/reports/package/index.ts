/**
 * The auditor's package: one zip frozen to the moment it is made, holding the workpapers (XLSX), the examination
 * as `assay examine --format json` prints it, every evidence file the tests rely on, and `manifest.json` naming
 * each of them with its size and SHA-256. Pure assembly: the caller reads the data and opens the evidence.
 */
import type { ExaminationResult } from '../../domain/index.js';
import { manifestOf, type EvidenceReference, type Manifest, type PackageHeader } from './manifest.js';
import { fileInMemory, type PackageFile } from './write.js';

const WORKPAPERS_PATH = 'workpapers.xlsx';
const EXAMINATION_PATH = 'examination.json';

/** An evidence file as the store records it, and a way to read its bytes. */
export interface PackageEvidence extends EvidenceReference {
  size: number;
  sha256: string;
  open(): Promise<AsyncIterable<Uint8Array>> | AsyncIterable<Uint8Array>;
}

/**
 * A file name that is one plain name in any file system: no folder separators, control characters or characters
 * Windows refuses, no leading dot; what is left of an empty name is `file`.
 */
function safeFileName(name: string): string {
  const safe = name
    .replace(/[\\/:*?"<>|\p{Cc}]/gu, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  return safe === '' ? 'file' : safe;
}

/** Where an evidence file goes: a folder per record, so two files of the same name never collide. */
export function evidencePath(evidence: Pick<PackageEvidence, 'id' | 'fileName'>): string {
  return `evidence/${safeFileName(evidence.id)}/${safeFileName(evidence.fileName)}`;
}

export interface PackageParts {
  workpapers: Uint8Array;
  examination: ExaminationResult;
  evidence: readonly PackageEvidence[];
}

export function assemblePackage(header: PackageHeader, parts: PackageParts): { manifest: Manifest; files: PackageFile[] } {
  const files: PackageFile[] = [
    fileInMemory(WORKPAPERS_PATH, parts.workpapers),
    fileInMemory(EXAMINATION_PATH, Buffer.from(`${JSON.stringify(parts.examination, null, 2)}\n`, 'utf8')),
    ...parts.evidence.map(({ size, sha256, open, ...reference }) => ({ path: evidencePath(reference), size, sha256, open, evidence: reference })),
  ];
  return { manifest: manifestOf(header, files), files };
}

export { MANIFEST_PATH, PACKAGE_FORMAT, parseManifest, type Manifest, type ManifestFile, type PackageHeader } from './manifest.js';
export { AlteredFileError, packageBytes, writePackage, type PackageFile } from './write.js';
export { bufferSource, packageIntact, verifyPackage, PACKAGE_LIMITS, type AlteredFile, type PackageCheck, type PackageLimits, type ZipSource } from './verify.js';
