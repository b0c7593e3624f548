/**
 * The auditor's package's manifest (`manifest.json`): what the package is of (the engagement and its period), when
 * it was made and where the audit log stood then (its head, `seq:hash`, as `assay verify` prints it), and every
 * other file of the zip with its size and SHA-256. Whoever holds the zip can check each file against it without
 * Assay's database; the manifest itself is vouched for by the audit event that records its SHA-256.
 */
import { createHash } from 'node:crypto';
import { ValidationError, type Issue } from '../../domain/index.js';

export const MANIFEST_PATH = 'manifest.json';
/** The manifest's version: a reader refuses one it does not know. */
export const PACKAGE_FORMAT = 'assay-auditor-package/1';

export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
  /** For an evidence file: its record, the controls it is for and the time it covers. */
  evidence?: EvidenceReference;
}

export interface EvidenceReference {
  id: string;
  fileName: string;
  controls: string[];
  coversFrom: string | null;
  coversTo: string | null;
  collectedAt: string;
}

export interface PackageHeader {
  engagement: { id: string; organization: string; system: string; reportType: 'type1' | 'type2'; periodStart: string | null; periodEnd: string };
  /** ISO date-time the package was made. */
  generatedAt: string;
  /** The audit log's last event when the package was made (`seq:hash`), null when the log is empty. */
  auditLogHead: string | null;
}

export interface Manifest extends PackageHeader {
  format: typeof PACKAGE_FORMAT;
  files: ManifestFile[];
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function manifestOf(header: PackageHeader, files: readonly ManifestFile[]): Manifest {
  return { format: PACKAGE_FORMAT, ...header, files: files.map(({ path, size, sha256, evidence }) => ({ path, size, sha256, ...(evidence && { evidence }) })) };
}

export function manifestBytes(manifest: Manifest): Uint8Array {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A manifest read back, each problem named by its JSON path; a ValidationError when it is not one. */
export function parseManifest(bytes: Uint8Array): Manifest {
  const refuse = (issues: Issue[]) => new ValidationError(issues, `${MANIFEST_PATH} is not an auditor's package manifest`);
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    throw refuse([{ location: MANIFEST_PATH, message: `is not JSON: ${error instanceof Error ? error.message : String(error)}` }]);
  }
  if (!isObject(value)) throw refuse([{ location: '$', message: 'must be an object' }]);
  const issues: Issue[] = [];
  if (value.format !== PACKAGE_FORMAT) issues.push({ location: '$.format', message: `must be "${PACKAGE_FORMAT}"` });
  if (!isObject(value.engagement)) issues.push({ location: '$.engagement', message: 'must be an object' });
  if (typeof value.generatedAt !== 'string') issues.push({ location: '$.generatedAt', message: 'must be a date-time' });
  if (value.auditLogHead !== null && typeof value.auditLogHead !== 'string') issues.push({ location: '$.auditLogHead', message: 'must be seq:hash or null' });
  if (!Array.isArray(value.files)) issues.push({ location: '$.files', message: 'must be a list' });
  else {
    const seen = new Set<string>();
    value.files.forEach((file: unknown, i) => {
      const at = `$.files[${i}]`;
      if (!isObject(file)) return issues.push({ location: at, message: 'must be an object' });
      if (typeof file.path !== 'string' || file.path === '' || file.path === MANIFEST_PATH) issues.push({ location: `${at}.path`, message: 'must name a file of the zip other than the manifest' });
      else if (seen.has(file.path)) issues.push({ location: `${at}.path`, message: `names ${file.path} a second time` });
      else seen.add(file.path);
      if (typeof file.size !== 'number' || !Number.isSafeInteger(file.size) || file.size < 0) issues.push({ location: `${at}.size`, message: 'must be a whole number of bytes' });
      if (typeof file.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(file.sha256)) issues.push({ location: `${at}.sha256`, message: 'must be 64 lower-case hex digits' });
      return undefined;
    });
  }
  if (issues.length > 0) throw refuse(issues);
  return value as unknown as Manifest;
}
