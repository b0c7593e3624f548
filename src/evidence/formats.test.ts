import { describe, expect, it } from 'vitest';
import { ValidationError } from '../domain/index.js';
import { IAM_HEADER, readAll } from './testing.js';

const date = (iso: string) => new Date(iso);

/** The message of the error a read ends with, as the command line prints it. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues.map((i) => `${i.location}: ${i.message}`).join('\n');
}

describe('aws-iam-credential-report', () => {
  const alice =
    'alice,arn:aws:iam::111122223333:user/alice,2024-01-02T10:00:00+00:00,true,2025-03-01T08:12:44+00:00,2024-01-02T10:05:00+00:00,N/A,false,true,2024-01-02T10:06:00+00:00,2025-03-02T09:00:00+00:00,us-east-1,ec2,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';
  const root =
    '<root_account>,arn:aws:iam::111122223333:root,2019-05-05T00:00:00+00:00,not_supported,no_information,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';

  it('reads every line by column name, the root account included: booleans, date-times, and the sentinels as null', async () => {
    const rows = await readAll('iam.csv', `${IAM_HEADER}\n${alice}\n${root}\n`, { format: 'aws-iam-credential-report' });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      user: 'alice',
      password_enabled: true,
      password_last_used: date('2025-03-01T08:12:44Z'),
      password_next_rotation: null,
      mfa_active: false,
      access_key_1_active: true,
      access_key_1_last_rotated: date('2024-01-02T10:06:00Z'),
      access_key_1_last_used_region: 'us-east-1',
      access_key_2_last_rotated: null,
    });
    expect(rows[1]).toMatchObject({ user: '<root_account>', password_enabled: null, password_last_used: null, mfa_active: true, access_key_1_active: false });
  });

  it('compares booleans case-insensitively, as the documentation writes them', async () => {
    const [row] = await readAll('iam.csv', `${IAM_HEADER}\n${alice.replace(',true,2025', ',TRUE,2025').replace(',false,true,', ',FALSE,True,')}\n`, {
      format: 'aws-iam-credential-report',
    });
    expect(row).toMatchObject({ password_enabled: true, mfa_active: false, access_key_1_active: true });
  });

  it('refuses a value that is not a boolean or a date, naming the row and the field', async () => {
    expect(await refusal(readAll('iam.csv', `${IAM_HEADER}\n${root}\n${alice.replace(',false,true,', ',maybe,true,')}\n`, { format: 'aws-iam-credential-report' }))).toBe(
      'evidence/iam.csv: row 2, field mfa_active: "maybe" is not true or false',
    );
    expect(await refusal(readAll('iam.csv', `${IAM_HEADER}\n${alice.replace('2024-01-02T10:06:00+00:00', '2024-13-02T10:06:00+00:00')}\n`, { format: 'aws-iam-credential-report' }))).toBe(
      'evidence/iam.csv: row 1, field access_key_1_last_rotated: "2024-13-02T10:06:00+00:00" is not a date (YYYY-MM-DD, MM/DD/YYYY or an ISO 8601 date-time)',
    );
  });

  it('refuses a report without a column the format needs, at its header', async () => {
    const header = IAM_HEADER.replace(',mfa_active', '');
    const line = alice.replace(',false,true,2024', ',true,2024');
    expect(await refusal(readAll('iam.csv', `${header}\n${line}\n`, { format: 'aws-iam-credential-report' }))).toBe(
      'evidence/iam.csv:1: missing column "mfa_active" that this format needs',
    );
  });

  it('refuses a row with more or fewer fields than the header, and a quote left open', async () => {
    expect(await refusal(readAll('iam.csv', `${IAM_HEADER}\n${alice},extra\n`, { format: 'aws-iam-credential-report' }))).toMatch(
      /^evidence\/iam\.csv: row 1: the row has 23 fields where the header has 22$/,
    );
    expect(await refusal(readAll('iam.csv', `${IAM_HEADER}\n${alice}\n"bob,arn`, { format: 'aws-iam-credential-report' }))).toMatch(
      /^evidence\/iam\.csv: row 2: a quoted field is not closed before the file ends/,
    );
  });
});

describe('hr-csv', () => {
  const header = 'employee_id,work_email,first_name,last_name,hire_date,termination_date,employment_status,department,manager_email';

  it('reads both date forms HR systems write, 0000-00-00 and empty as null', async () => {
    const rows = await readAll(
      'hr.csv',
      `${header}\nE1042,alice@acme.com,Alice,Ng,2023-01-09,,Active,Engineering,bob@acme.com\nE1043,bo@acme.com,Bo,Li,01/09/2023,02/13/2026,Terminated,Sales,\nE1044,cy@acme.com,Cy,Ode,2023-02-01,0000-00-00,Active,Sales,bob@acme.com\n`,
      { format: 'hr-csv' },
    );
    expect(rows.map((r) => [r.employee_id, r.hire_date, r.termination_date, r.manager_email])).toEqual([
      ['E1042', date('2023-01-09'), null, 'bob@acme.com'],
      ['E1043', date('2023-01-09'), date('2026-02-13'), null],
      ['E1044', date('2023-02-01'), null, 'bob@acme.com'],
    ]);
  });

  it('refuses a date that is not a date, with its row and field', async () => {
    const text = `${header}\nE1,a@acme.com,A,B,2023-01-09,,Active,X,\nE2,b@acme.com,B,C,2023-01-09,02/30/2026,Terminated,X,\n`;
    expect(await refusal(readAll('hr.csv', text, { format: 'hr-csv' }))).toBe(
      'evidence/hr.csv: row 2, field termination_date: "02/30/2026" is not a date (write YYYY-MM-DD or MM/DD/YYYY)',
    );
  });

  it('needs the columns its rule reads, and only those', async () => {
    expect(await refusal(readAll('hr.csv', 'employee_id,work_email\nE1,a@acme.com\n', { format: 'hr-csv' }))).toBe(
      'evidence/hr.csv:1: missing column "termination_date" that this format needs',
    );
    expect(await readAll('hr.csv', 'work_email,termination_date,employee_id\na@acme.com,2026-01-05,E1\n', { format: 'hr-csv' })).toEqual([
      { employee_id: 'E1', work_email: 'a@acme.com', termination_date: date('2026-01-05') },
    ]);
  });

  it('refuses an empty file', async () => {
    expect(await refusal(readAll('hr.csv', '', { format: 'hr-csv' }))).toBe('evidence/hr.csv:1: the file is empty: a CSV export starts with its header');
  });
});

describe('generic csv', () => {
  it('gives strings, empty as null, unless the source types a column', async () => {
    const rows = await readAll('access.csv', '\uFEFFname,reviewed,count,ok\nalice,2026-03-01,3,TRUE\nbob,,,\n', {
      format: 'csv',
      types: { reviewed: 'date', count: 'number', ok: 'boolean' },
    });
    expect(rows).toEqual([
      { name: 'alice', reviewed: date('2026-03-01'), count: 3, ok: true },
      { name: 'bob', reviewed: null, count: null, ok: null },
    ]);
    expect(await refusal(readAll('access.csv', 'name,count\nalice,three\n', { format: 'csv', types: { count: 'number' } }))).toBe(
      'evidence/access.csv: row 1, field count: "three" is not a number',
    );
  });
});

describe('okta-users', () => {
  const user = (id: string, extra: object = {}) =>
    JSON.stringify({
      id,
      status: 'ACTIVE',
      created: '2023-01-09T15:02:11.000Z',
      statusChanged: '2023-01-09T15:02:12.000Z',
      lastLogin: null,
      passwordChanged: '2024-10-01T09:00:00.000Z',
      profile: { login: `${id}@acme.com`, email: `${id}@acme.com`, secondEmail: '' },
      ...extra,
    });

  it('gives each user as Okta writes it, its date-times typed, null and empty as null', async () => {
    const rows = await readAll('okta.json', `[${user('alice')},\n${user('bob', { status: 'DEPROVISIONED', lastLogin: '2026-02-20T08:00:00.000Z' })}]`, { format: 'okta-users' });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ id: 'alice', statusChanged: date('2023-01-09T15:02:12Z'), lastLogin: null, profile: { email: 'alice@acme.com', secondEmail: null } });
    expect(rows[1]).toMatchObject({ status: 'DEPROVISIONED', lastLogin: date('2026-02-20T08:00:00Z') });
  });

  it('refuses a truncated file, naming the row it broke in', async () => {
    const text = `[${user('a')},${user('b')},${user('c')}`.slice(0, -20);
    expect(await refusal(readAll('okta.json', text, { format: 'okta-users' }))).toBe(
      'evidence/okta.json: row 3: the file ends before the JSON document does (is it truncated?)',
    );
  });

  it('refuses malformed JSON, text after the array, an object where the array should be, and a user without status', async () => {
    expect(await refusal(readAll('okta.json', `[${user('a')}, {"id": "b" "status": "ACTIVE"}]`, { format: 'okta-users' }))).toMatch(/^evidence\/okta\.json: row 2: malformed JSON: /);
    expect(await refusal(readAll('okta.json', `[${user('a')}] []`, { format: 'okta-users' }))).toMatch(/^evidence\/okta\.json: row 2: malformed JSON/);
    expect(await refusal(readAll('okta.json', '{"users": []}', { format: 'okta-users' }))).toBe('evidence/okta.json: row 1: expected a JSON array of rows');
    expect(await refusal(readAll('okta.json', `[${user('a')}, {"id": "b", "profile": {}}]`, { format: 'okta-users' }))).toBe(
      'evidence/okta.json: row 2, field status: missing: this format needs it',
    );
    expect(await refusal(readAll('okta.json', `[${user('a', { lastLogin: 'yesterday' })}]`, { format: 'okta-users' }))).toBe(
      'evidence/okta.json: row 1, field lastLogin: "yesterday" is not a date-time',
    );
    expect(await refusal(readAll('okta.json', '  \n', { format: 'okta-users' }))).toBe('evidence/okta.json: row 1: the file is empty: expected a JSON document');
  });
});

describe('google-workspace-users', () => {
  const bo = { primaryEmail: 'bo@acme.com', suspended: false, archived: false, creationTime: '2022-01-24T17:35:54.000Z', lastLoginTime: '1970-01-01T00:00:00.000Z' };

  it('reads users.list’s answer or a saved array; lastLoginTime of 1970-01-01 is null (never signed in)', async () => {
    const listed = await readAll('google.json', JSON.stringify({ kind: 'admin#directory#users', users: [bo], nextPageToken: 'x' }), { format: 'google-workspace-users' });
    expect(listed).toEqual([{ ...bo, creationTime: date('2022-01-24T17:35:54Z'), lastLoginTime: null }]);
    expect(await readAll('google.json', JSON.stringify([bo]), { format: 'google-workspace-users' })).toEqual(listed);
    // Google leaves `users` out when there is none.
    expect(await readAll('google.json', JSON.stringify({ kind: 'admin#directory#users' }), { format: 'google-workspace-users' })).toEqual([]);
  });
});

describe('github-pulls', () => {
  it('gives each pull request with its reviews, their times typed', async () => {
    const pull = {
      number: 42,
      title: 'Rotate KMS key',
      user: { login: 'alice' },
      merged_at: '2025-03-02T09:30:00Z',
      closed_at: null,
      base: { ref: 'main' },
      reviews: [{ id: 101, user: { login: 'bob' }, state: 'APPROVED', submitted_at: '2025-03-02T09:00:00Z' }, { id: 102, user: { login: 'cy' }, state: 'PENDING' }],
    };
    const [row] = await readAll('pulls.json', JSON.stringify([pull]), { format: 'github-pulls' });
    expect(row).toMatchObject({ number: 42, merged_at: date('2025-03-02T09:30:00Z'), closed_at: null, reviews: [{ submitted_at: date('2025-03-02T09:00:00Z') }, { state: 'PENDING' }] });
    expect(await refusal(readAll('pulls.json', JSON.stringify([{ ...pull, reviews: undefined }]), { format: 'github-pulls' }))).toBe(
      'evidence/pulls.json: row 1, field reviews: missing: this format needs it',
    );
    expect(await refusal(readAll('pulls.json', JSON.stringify([{ ...pull, reviews: [{ ...pull.reviews[0], submitted_at: 'soon' }] }]), { format: 'github-pulls' }))).toBe(
      'evidence/pulls.json: row 1, field reviews[0].submitted_at: "soon" is not a date-time',
    );
  });
});

describe('dependabot-alerts', () => {
  it('gives each alert as GitHub writes it', async () => {
    const alert = {
      number: 7,
      state: 'fixed',
      dependency: { package: { ecosystem: 'npm', name: 'lodash' } },
      security_advisory: { cve_id: 'CVE-2021-23337', severity: 'high' },
      created_at: '2025-01-05T12:00:00Z',
      fixed_at: '2025-01-20T08:00:00Z',
      dismissed_at: null,
      dismissed_comment: '',
    };
    expect(await readAll('alerts.json', JSON.stringify([alert]), { format: 'dependabot-alerts' })).toEqual([
      { ...alert, created_at: date('2025-01-05T12:00:00Z'), fixed_at: date('2025-01-20T08:00:00Z'), dismissed_comment: null },
    ]);
  });
});

describe('trivy', () => {
  const vulnerability = { VulnerabilityID: 'CVE-2024-0001', PkgName: 'libssl3', Severity: 'HIGH', PublishedDate: '2024-01-10T17:15:00Z' };
  const report = {
    SchemaVersion: 2,
    CreatedAt: '2025-03-02T10:00:00.123456789Z',
    ArtifactName: 'acme/api:1.4',
    Results: [{ Target: 'acme/api:1.4 (alpine 3.19.1)', Class: 'os-pkgs', Vulnerabilities: [vulnerability] }, { Target: 'app/package-lock.json', Class: 'lang-pkgs' }],
  };

  it('gives one row per vulnerability with its Target and ArtifactName; a clean target gives none', async () => {
    expect(await readAll('trivy.json', JSON.stringify(report), { format: 'trivy' })).toEqual([
      { ...vulnerability, PublishedDate: date('2024-01-10T17:15:00Z'), Target: 'acme/api:1.4 (alpine 3.19.1)', ArtifactName: 'acme/api:1.4' },
    ]);
  });

  it('reads the bare array of results old Trivy wrote', async () => {
    expect(await readAll('trivy.json', JSON.stringify(report.Results), { format: 'trivy' })).toEqual([
      { ...vulnerability, PublishedDate: date('2024-01-10T17:15:00Z'), Target: 'acme/api:1.4 (alpine 3.19.1)', ArtifactName: null },
    ]);
  });
});

describe('generic json', () => {
  it('reaches the array at a path and types the fields the source names', async () => {
    const text = JSON.stringify({ data: { reviews: [{ user: 'alice', on: '2026-03-01', score: 3, note: '' }] } });
    expect(await readAll('reviews.json', text, { format: 'json', arrayPath: 'data.reviews', types: { on: 'date' } })).toEqual([
      { user: 'alice', on: date('2026-03-01'), score: 3, note: null },
    ]);
    expect(await refusal(readAll('reviews.json', text, { format: 'json' }))).toBe('evidence/reviews.json: row 1: expected a JSON array of rows');
    expect(await refusal(readAll('reviews.json', JSON.stringify({ data: { reviews: { a: 1 } } }), { format: 'json', arrayPath: 'data.reviews' }))).toBe(
      'evidence/reviews.json: row 1: expected an array of rows where the document has an object',
    );
    expect(await refusal(readAll('reviews.json', '[1]', { format: 'json' }))).toBe('evidence/reviews.json: row 1: expected an object (got number)');
  });
});
