/** Importers of real export formats, streaming (DESIGN §8; docs/evidence-formats.md). */
export { readEvidence, type EvidenceSource } from './formats.js';
export { MalformedExportError } from './errors.js';
export type { ReadTarget } from './source.js';
