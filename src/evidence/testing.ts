/** Test helpers: an export written to a temporary file, and all the rows a reader gives for it. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Row } from '../domain/index.js';
import { readEvidence, type EvidenceSource } from './formats.js';

export async function exportFile(name: string, text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'assay-evidence-')), name);
  await writeFile(path, text);
  return path;
}

/** Every row of `text` read as `source`; the file is named `evidence/<name>` in messages. */
export async function readAll(name: string, text: string, source: EvidenceSource): Promise<Row[]> {
  const path = await exportFile(name, text);
  const rows: Row[] = [];
  for await (const row of readEvidence({ path, file: `evidence/${name}` }, source)) rows.push(row);
  return rows;
}

export const IAM_HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
