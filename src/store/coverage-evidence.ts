/**
 * The evidence period coverage reads (docs/coverage.md): each record in force (neither deleted nor superseded)
 * that states a covered period, once for each control in use it is evidence for.
 */
import type { CoverageEvidence } from '../domain/coverage/coverage.js';
import type { Executor } from './values.js';

/** A record as coverage reads it, with the file name the calendar links by. */
export interface CoveringEvidence extends CoverageEvidence {
  fileName: string;
}

/** One query, in the order the records were collected. */
export async function readCoverageEvidence(executor: Executor, engagementId: string): Promise<CoveringEvidence[]> {
  const rows = await executor
    .selectFrom('evidence')
    .innerJoin('evidence_controls', 'evidence_controls.evidence_id', 'evidence.id')
    .innerJoin('controls', 'controls.id', 'evidence_controls.control_id')
    .select(['evidence.id', 'evidence.file_name', 'evidence.covers_from', 'evidence.covers_to', 'controls.code'])
    .where('evidence.engagement_id', '=', engagementId)
    .where('evidence.deleted_at', 'is', null)
    .where('evidence.superseded_by', 'is', null)
    .where('controls.archived_at', 'is', null)
    .where((eb) => eb.or([eb('evidence.covers_from', 'is not', null), eb('evidence.covers_to', 'is not', null)]))
    .orderBy('evidence.collected_at')
    .orderBy('evidence.id')
    .execute();
  return rows.map((row) => ({ id: row.id, control: row.code, fileName: row.file_name, coversFrom: row.covers_from, coversTo: row.covers_to }));
}
