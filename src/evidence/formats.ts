/**
 * One reader per export format of DESIGN §8 (shapes in docs/evidence-formats.md): each streams its file and
 * yields typed rows. Dates and date-times become `Date`, empty values and the format's sentinels become null,
 * other values keep their type; a value that is not what its field promises is refused with its row and field.
 */
import { field, type ColumnType, type EvidenceFormat, type Row } from '../domain/index.js';
import { readCsvRows, type CsvShape } from './csv.js';
import { MalformedExportError } from './errors.js';
import { readJsonValues, type JsonPaths } from './json.js';
import type { ReadTarget } from './source.js';
import { parseBoolean, parseCalendarDate, parseInstant, parseNumber } from './values.js';

export interface EvidenceSource {
  format: EvidenceFormat;
  /** Generic formats: how to type a column (`csv`) or a top-level field (`json`); the others are strings. */
  types?: Readonly<Record<string, ColumnType>>;
  /** `json`: the dotted path of the array inside the document (`data.reviews`); absent: the document is the array. */
  arrayPath?: string;
}

export function readEvidence(target: ReadTarget, source: EvidenceSource): AsyncIterable<Row> {
  switch (source.format) {
    case 'aws-iam-credential-report':
      return readCsvRows(target, awsCredentialReport(target.file));
    case 'hr-csv':
      return readCsvRows(target, hrRoster(target.file));
    case 'csv':
      return readCsvRows(target, { required: [], value: (column, text, row) => typed(target.file, source.types?.[column], text, row, column) });
    case 'trivy':
      return trivyVulnerabilities(target);
    case 'json':
      return jsonRows(target, source.arrayPath === undefined ? arrayDocument : pathInObject(source.arrayPath), (value, row) =>
        typedFields(target.file, genericObject(target.file, value, row), source.types ?? {}, row),
      );
    default: {
      const shape = JSON_FORMATS[source.format];
      return jsonRows(target, shape.paths, (value, row) => shape.row(target.file, value, row));
    }
  }
}

// CSV formats ---------------------------------------------------------------------------------------------------

/** Values AWS writes where there is none (export-formats.md §1). */
const AWS_SENTINELS = new Set(['N/A', 'no_information', 'not_supported']);
const AWS_BOOLEANS = new Set(['password_enabled', 'mfa_active', 'access_key_1_active', 'access_key_2_active', 'cert_1_active', 'cert_2_active']);
const AWS_DATES = new Set([
  'user_creation_time',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'cert_1_last_rotated',
  'cert_2_last_rotated',
]);

function awsCredentialReport(file: string): CsvShape {
  return {
    required: ['user', 'arn', 'password_enabled', 'mfa_active', 'access_key_1_active', 'access_key_1_last_rotated', 'access_key_2_active', 'access_key_2_last_rotated'],
    value(column, text, row) {
      if (text === '' || AWS_SENTINELS.has(text)) return null;
      if (AWS_BOOLEANS.has(column)) return typed(file, 'boolean', text, row, column);
      if (AWS_DATES.has(column)) return typed(file, 'date', text, row, column);
      return text;
    },
  };
}

const HR_DATES = new Set(['hire_date', 'termination_date']);

function hrRoster(file: string): CsvShape {
  return {
    required: ['employee_id', 'work_email', 'termination_date'],
    value(column, text, row) {
      if (text.trim() === '') return null;
      if (!HR_DATES.has(column)) return text;
      // BambooHR writes 0000-00-00 for no date.
      if (text.trim() === '0000-00-00') return null;
      const date = parseCalendarDate(text.trim());
      if (date === null) throw new MalformedExportError(file, { row, field: column }, `"${text}" is not a date (write YYYY-MM-DD or MM/DD/YYYY)`);
      return date;
    },
  };
}

/** A generic value of a declared type; text without a declared type stays text. Empty is null. */
function typed(file: string, type: ColumnType | undefined, raw: unknown, row: number, column: string): unknown {
  if (raw === null || raw === undefined || raw === '') return null;
  if (type === undefined || typeof raw !== 'string') {
    if (type === 'number' && typeof raw !== 'number') return refuseType(file, row, column, raw, type);
    if (type === 'boolean' && typeof raw !== 'boolean') return refuseType(file, row, column, raw, type);
    if (type === 'date') return refuseType(file, row, column, raw, type);
    return raw;
  }
  const value = type === 'date' ? (parseInstant(raw) ?? parseCalendarDate(raw)) : type === 'number' ? parseNumber(raw) : parseBoolean(raw);
  return value ?? refuseType(file, row, column, raw, type);
}

const TYPE_WORDS: Record<ColumnType, string> = {
  date: 'a date (YYYY-MM-DD, MM/DD/YYYY or an ISO 8601 date-time)',
  number: 'a number',
  boolean: 'true or false',
};

function refuseType(file: string, row: number, column: string, raw: unknown, type: ColumnType): never {
  throw new MalformedExportError(file, { row, field: column }, `${JSON.stringify(raw)} is not ${TYPE_WORDS[type]}`);
}

// JSON formats --------------------------------------------------------------------------------------------------

/** Which fields are dates, nested as the JSON is (`'*'`: each element of an array). */
interface DateFields {
  [key: string]: true | DateFields;
}

interface JsonFormat {
  paths: JsonPaths;
  row(file: string, value: unknown, row: number): Row;
}

const arrayDocument: JsonPaths = (first) => (first === '[' ? ['$.*'] : 'expected a JSON array of rows');

function pathInObject(path: string): JsonPaths {
  return (first) => (first === '{' ? [`$.${path}.*`] : `expected a JSON object with the array at ${path}`);
}

/** A known format's row: its required fields present, its dates typed, empty strings null. */
function knownRow(required: readonly string[], dates: DateFields, extra?: (row: Row) => void): JsonFormat['row'] {
  return (file, value, row) => {
    const object = genericObject(file, value, row);
    for (const path of required) {
      if (field(object, ...path.split('.')) === undefined) throw new MalformedExportError(file, { row, field: path }, 'missing: this format needs it');
    }
    normalise(file, object, dates, row, '');
    extra?.(object);
    return object;
  };
}

const JSON_FORMATS: Record<Exclude<EvidenceFormat, 'aws-iam-credential-report' | 'hr-csv' | 'csv' | 'json' | 'trivy'>, JsonFormat> = {
  'okta-users': {
    paths: arrayDocument,
    row: knownRow(['status', 'profile'], { created: true, activated: true, statusChanged: true, lastLogin: true, lastUpdated: true, passwordChanged: true }),
  },
  'google-workspace-users': {
    // users.list answers { kind, users: […], nextPageToken }; a saved list of users is an array.
    paths: (first) => (first === '[' ? ['$.*'] : ['$.users.*']),
    row: knownRow(['primaryEmail'], { creationTime: true, lastLoginTime: true, deletionTime: true }, (row) => {
      // Google's "never signed in".
      if (row.lastLoginTime instanceof Date && row.lastLoginTime.getTime() === 0) row.lastLoginTime = null;
    }),
  },
  'github-pulls': {
    paths: arrayDocument,
    row: knownRow(['number', 'base.ref', 'reviews'], {
      created_at: true,
      updated_at: true,
      closed_at: true,
      merged_at: true,
      reviews: { '*': { submitted_at: true } },
    }),
  },
  'dependabot-alerts': {
    paths: arrayDocument,
    row: knownRow(['number', 'created_at', 'security_advisory.severity'], {
      created_at: true,
      updated_at: true,
      dismissed_at: true,
      fixed_at: true,
      auto_dismissed_at: true,
      security_advisory: { published_at: true, updated_at: true, withdrawn_at: true },
    }),
  },
};

const TRIVY_DATES: DateFields = { PublishedDate: true, LastModifiedDate: true };

/** One row per vulnerability, with its result's Target and the report's ArtifactName (old reports: a bare array of results). */
async function* trivyVulnerabilities(target: ReadTarget): AsyncGenerator<Row> {
  let artifact: unknown = null;
  let row = 0;
  for await (const { value, key } of readJsonValues(target, (first) => (first === '[' ? ['$.*'] : ['$.ArtifactName', '$.Results.*']))) {
    if (key === 'ArtifactName') {
      artifact = value;
      continue;
    }
    const result = genericObject(target.file, value, row + 1);
    const vulnerabilities = result.Vulnerabilities ?? [];
    if (!Array.isArray(vulnerabilities)) throw new MalformedExportError(target.file, { row: row + 1, field: 'Vulnerabilities' }, 'expected an array');
    for (const vulnerability of vulnerabilities as unknown[]) {
      const object = genericObject(target.file, vulnerability, ++row);
      normalise(target.file, object, TRIVY_DATES, row, '');
      yield { ...object, Target: result.Target ?? null, ArtifactName: artifact };
    }
  }
}

async function* jsonRows(target: ReadTarget, paths: JsonPaths, toRow: (value: unknown, row: number) => Row): AsyncGenerator<Row> {
  let row = 0;
  for await (const { value, key } of readJsonValues(target, paths)) {
    row++;
    if (typeof key !== 'number') throw new MalformedExportError(target.file, { row }, 'expected an array of rows where the document has an object');
    yield toRow(value, row);
  }
}

function genericObject(file: string, value: unknown, row: number): Row {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new MalformedExportError(file, { row }, `expected an object (got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value})`);
  }
  return value as Row;
}

function typedFields(file: string, object: Row, types: Readonly<Record<string, ColumnType>>, row: number): Row {
  for (const [key, value] of Object.entries(object)) {
    object[key] = value === '' ? null : typed(file, types[key], value, row, key);
  }
  return object;
}

/** In place: empty strings to null, the date fields to `Date`; a date field that is not a date is refused. */
function normalise(file: string, object: Record<string, unknown>, dates: DateFields, row: number, prefix: string): void {
  for (const key of Object.keys(object)) {
    const value = object[key];
    const spec = dates[key];
    if (value === '') object[key] = null;
    else if (spec === true && typeof value === 'string') {
      const date = parseInstant(value);
      if (date === null) throw new MalformedExportError(file, { row, field: `${prefix}${key}` }, `"${value}" is not a date-time`);
      object[key] = date;
    } else if (Array.isArray(value)) {
      const each = spec === true || spec === undefined ? {} : (spec['*'] as DateFields | undefined) ?? {};
      value.forEach((element, i) => {
        if (element === '') value[i] = null;
        else if (element !== null && typeof element === 'object') normalise(file, element as Record<string, unknown>, each, row, `${prefix}${key}[${i}].`);
      });
    } else if (value !== null && typeof value === 'object') {
      normalise(file, value as Record<string, unknown>, spec === true || spec === undefined ? {} : spec, row, `${prefix}${key}.`);
    }
  }
}
