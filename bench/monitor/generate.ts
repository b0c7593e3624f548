/**
 * The monitoring benchmark's workspace: an HR roster and an Okta export of `count` people each (1,000,000 by
 * default), made deterministically, and two checks over them: the built-in terminated-access and the same kind
 * of rule written in CEL with a lookup. Written once into .bench/ (git-ignored) and reused while the count is the same.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';

export const AS_OF = '2026-06-30';

export const CHECKS = {
  'terminated-access.yaml': `id: BENCH-TERMINATED
title: Leavers lose access within one business day
sources:
  hr: { file: evidence/hr.csv, format: hr-csv }
  idp: { file: evidence/okta.json, format: okta-users }
builtin: terminated-access
`,
  'cel-lookup.yaml': `id: BENCH-CEL
title: Every active Okta account belongs to a current employee
sources:
  idp: { file: evidence/okta.json, format: okta-users }
  hr: { file: evidence/hr.csv, format: hr-csv }
population: idp
item: row.profile.login
where: row.status == "ACTIVE"
lookup:
  employee: { source: hr, key: row.work_email, equals: row.profile.email }
assert: employee != null && (employee.termination_date == null || employee.termination_date > asOf)
`,
};

const DAY = 86_400_000;
const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * DAY).toISOString().slice(0, 10);

/** Person i: one in ten has left, most of them deprovisioned the same day, some late, some still active. */
function person(i: number) {
  const email = `user${i}@acme.example`;
  const left = i % 10 === 3;
  const terminated = left ? 700 + (i % 200) : null;
  const late = i % 97 === 3;
  const stillActive = i % 89 === 3;
  return { email, terminated, late, stillActive, hired: i % 700 };
}

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  for (const line of lines) if (!out.write(line)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

function* hrLines(count: number): Generator<string> {
  yield 'employee_id,work_email,first_name,last_name,hire_date,termination_date,employment_status,department,manager_email\n';
  for (let i = 0; i < count; i++) {
    const p = person(i);
    yield `E${i},${p.email},First${i},Last${i},${day(p.hired)},${p.terminated === null ? '' : day(p.terminated)},${p.terminated === null ? 'Active' : 'Terminated'},Dept${i % 40},manager${i % 500}@acme.example\n`;
  }
}

function* oktaLines(count: number): Generator<string> {
  yield '[';
  for (let i = 0; i < count; i++) {
    const p = person(i);
    const off = p.terminated !== null && !p.stillActive;
    const changed = p.terminated === null ? `${day(p.hired)}T09:00:00.000Z` : `${day(p.terminated + (p.late ? 6 : 0))}T18:30:00.000Z`;
    const user = {
      id: `00u${i.toString(36)}`,
      status: off ? 'DEPROVISIONED' : 'ACTIVE',
      created: `${day(p.hired)}T08:55:00.000Z`,
      activated: `${day(p.hired)}T09:00:00.000Z`,
      statusChanged: changed,
      lastLogin: `${day(p.terminated === null ? 900 : p.terminated)}T08:15:00.000Z`,
      lastUpdated: changed,
      passwordChanged: null,
      type: { id: 'oty1abcdEFGH2345' },
      profile: { firstName: `First${i}`, lastName: `Last${i}`, login: p.email, email: p.email, employeeNumber: `E${i}`, department: `Dept${i % 40}` },
    };
    yield `${i === 0 ? '\n' : ',\n'}${JSON.stringify(user)}`;
  }
  yield '\n]\n';
}

/** The workspace folder, generated unless one of the same size is there already. */
export async function generateMonitoringWorkspace(dir: string, count: number): Promise<string> {
  const marker = join(dir, '.count');
  if ((await readFile(marker, 'utf8').catch(() => '')) === String(count)) return dir;
  await mkdir(join(dir, 'evidence'), { recursive: true });
  await mkdir(join(dir, 'checks'), { recursive: true });
  await writeFile(join(dir, 'assay.yaml'), 'organization: Bench Corp\nsystem: Bench Platform\nreport:\n  type: type2\n  periodStart: 2026-01-01\n  periodEnd: 2026-06-30\n');
  for (const [name, text] of Object.entries(CHECKS)) await writeFile(join(dir, 'checks', name), text);
  await writeLines(join(dir, 'evidence/hr.csv'), hrLines(count));
  await writeLines(join(dir, 'evidence/okta.json'), oktaLines(count));
  await writeFile(marker, String(count));
  return dir;
}
