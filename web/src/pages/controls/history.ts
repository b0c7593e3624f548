/**
 * A control's history in words: what each audit event did (which fields changed, from what to what), who did
 * it. The events carry the states before and after as the services recorded them.
 */
import { counted } from '@assay/domain/words.js';
import type { AuditEvent } from '../../api/controls.js';
import { frequencyLabel, statusLabel } from '../../labels.js';

const EVENT_LABELS: Record<string, string> = {
  'control.created': 'Control created',
  'control.updated': 'Control changed',
  'control.removed': 'Control deleted',
  'control.archived': 'Control archived',
  'control.restored': 'Control restored',
  'test.recorded': 'Test recorded',
  'test.removed': 'Test deleted',
  'test.superseded': 'New test version started',
  'population.recorded': 'Population stated',
  'sample.added': 'Sample added',
  'sample.recorded': 'Sample recorded',
};

export function eventLabel(type: string): string {
  return EVENT_LABELS[type] ?? type;
}

/**
 * Who did it, in words: the person's e-mail, a person's API token (`ada@example.com (API token ci)`), the command
 * line. An event whose actor the server could not name keeps its recorded words.
 */
export function actorLabel(event: Pick<AuditEvent, 'actor' | 'by'>): string {
  const { by } = event;
  switch (by?.kind) {
    case 'user':
      return by.email;
    case 'token':
      return by.email === null ? `API token ${by.name}` : `${by.email} (API token ${by.name})`;
    case 'operator':
      return 'the command line';
    default:
      return event.actor;
  }
}

type State = Record<string, unknown>;

function asState(value: unknown): State | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as State) : null;
}

/** The fields whose values are enumerated, in their words (`frequency: quarterly` reads "Quarterly"). */
const ENUMERATED: Record<string, (value: string) => string> = {
  frequency: frequencyLabel,
  nature: statusLabel,
  design: statusLabel,
  method: statusLabel,
  result: statusLabel,
};

function show(value: unknown, field?: string): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((v) => show(v, field)).join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return field !== undefined && ENUMERATED[field] ? ENUMERATED[field](value) : value;
  return JSON.stringify(value);
}

const FIELD_LABELS: Record<string, string> = {
  title: 'title',
  criteria: 'criteria',
  frequency: 'frequency',
  nature: 'nature',
  key: 'key',
  design: 'design',
  compensates: 'compensates',
  owner: 'owner',
  method: 'method',
  populationSize: 'population',
  scopeLimitation: 'scope limitation',
};

const CONTROL_FIELDS = ['title', 'criteria', 'frequency', 'nature', 'key', 'design', 'compensates', 'owner'];
const TEST_FIELDS = ['method', 'populationSize', 'scopeLimitation'];

/** `field: before → after` for each of `fields` that differs. */
function differences(before: State, after: State, fields: readonly string[]): string[] {
  return fields
    .filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null))
    .map((f) => `${FIELD_LABELS[f] ?? f}: ${show(before[f], f)} → ${show(after[f], f)}`);
}

function samplesOf(state: State | null): { item: string; result: string }[] {
  return Array.isArray(state?.samples) ? (state.samples as { item: string; result: string }[]) : [];
}

function sampleCount(state: State): string {
  const samples = samplesOf(state);
  const failed = samples.filter((s) => s.result === 'fail').length;
  return `${counted(samples.length, 'sample')}${failed > 0 ? ` (${failed} failed)` : ''}`;
}

/** What the event changed, one line per change. */
export function describeChange(event: AuditEvent): string[] {
  if (event.payloadOmitted) return ['(too large to show in the list: the audit log keeps it whole)'];
  const before = asState(event.before);
  const after = asState(event.after);
  switch (event.type) {
    case 'control.created':
      return after ? [`${show(after.id)}: ${show(after.title)}`] : [];
    case 'control.updated':
    case 'population.recorded':
      return before && after ? differences(before, after, event.type === 'control.updated' ? CONTROL_FIELDS : TEST_FIELDS) : [];
    case 'test.recorded': {
      if (!after) return [];
      if (!before) {
        const population = after.populationSize === null ? `scope limitation: ${show(after.scopeLimitation)}` : `population ${show(after.populationSize)}`;
        return [`${show(after.method, 'method')}, ${population}, ${sampleCount(after)}`];
      }
      const changes = differences(before, after, TEST_FIELDS);
      if (JSON.stringify(samplesOf(before)) !== JSON.stringify(samplesOf(after))) {
        changes.push(`samples: ${sampleCount(before)} → ${sampleCount(after)}`);
      }
      return changes;
    }
    case 'test.removed':
      return before ? [`had ${sampleCount(before)}`] : [];
    case 'test.superseded': {
      if (!before || !after) return [];
      const kept = samplesOf(before).map((s) => `${s.item} ${statusLabel(s.result)}`);
      return [`reason: ${show(after.reason)}`, `the previous version had ${sampleCount(before)}${kept.length > 0 ? `: ${kept.join(', ')}` : ''}`];
    }
    case 'sample.added':
      return after ? [`${show(after.item)}: ${show(after.result, 'result')}${after.note ? ` (${show(after.note)})` : ''}`] : [];
    case 'sample.recorded': {
      if (!before || !after) return [];
      const line = `${show(after.item)}: ${differences(before, after, ['result', 'note']).join('; ') || 'unchanged'}`;
      return after.reason ? [line, `reason: ${show(after.reason)}`] : [line];
    }
    default:
      return [];
  }
}
