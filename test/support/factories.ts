/**
 * Test data that creates its missing parents: `buildControl(db, { criteria: ['CC6.1'] })` makes an
 * organisation and an engagement first unless given `engagementId`. Every call makes new, unique rows, so no
 * test depends on data another made.
 */
import { randomBytes } from 'node:crypto';
import type { Control, ControlTest, Engagement, Examination, Sample } from '../../src/domain/engagement.js';
import { createControlsRepository, type ControlTestInput, type StoredControl, type StoredControlTest } from '../../src/store/controls-repository.js';
import {
  createEngagementsRepository,
  type EngagementInput,
  type EngagementSettings,
  type StoredEngagement,
} from '../../src/store/engagements-repository.js';
import { createOrganizationsRepository, type Organization, type OrganizationInput } from '../../src/store/organizations-repository.js';
import { createUsersRepository, type User, type UserInput } from '../../src/store/users-repository.js';
import type { Executor, StoreDependencies } from '../../src/store/values.js';
import { defaultDependencies } from '../../src/store/values.js';

let counter = 0;
/** `prefix-7-3fa1c2`: unique in the run, readable in a failure message. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${randomBytes(3).toString('hex')}`;
}

/** Ids `00000000-0000-4000-8000-000000000001`, … : valid UUIDs in a known order. */
export function sequentialIds(): () => string {
  let n = 0;
  return () => {
    n += 1;
    return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  };
}

/** A clock that starts at `start` and moves `stepMs` forward on every reading. */
export function steppingClock(start = '2026-03-01T09:00:00.000Z', stepMs = 1000): () => Date {
  let next = Date.parse(start);
  return () => {
    const now = new Date(next);
    next += stepMs;
    return now;
  };
}

export function testDependencies(): StoreDependencies {
  return { newId: sequentialIds(), clock: steppingClock() };
}

export async function buildOrganization(db: Executor, overrides: Partial<OrganizationInput> = {}): Promise<Organization> {
  const slug = overrides.slug ?? unique('org');
  return createOrganizationsRepository(db).create({ slug, name: overrides.name ?? `Organization ${slug}` });
}

export async function buildUser(db: Executor, overrides: Partial<UserInput> = {}): Promise<User> {
  const name = unique('user');
  return createUsersRepository(db).create({
    email: overrides.email ?? `${name}@example.test`,
    passwordHash: overrides.passwordHash ?? '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
    displayName: overrides.displayName ?? name,
  });
}

/** What every engagement of these factories is examined on: the period, the scope, sampling and pervasiveness. */
const examinedOn: Omit<Engagement, 'organization'> = {
  system: 'Acme Analytics Platform',
  reportType: 'type2',
  periodStart: '2026-01-01',
  periodEnd: '2026-06-30',
  categories: ['security', 'availability'],
  notApplicable: [{ criterion: 'CC6.4', reason: 'Facilities belong to a carved-out subservice organisation' }],
  sampling: { confidence: 0.9, tolerableRate: 0.1 },
  pervasiveness: { minSeries: 3, minShare: 0.25 },
  misstatements: [],
};

export function engagementSettings(overrides: Partial<EngagementSettings> = {}): EngagementSettings {
  return { name: 'FY2026 SOC 2 Type 2', ...examinedOn, ...overrides };
}

/** The same engagement as the domain's examination holds it: with its organisation's name rather than its own. */
export function examinedEngagement(overrides: Partial<Engagement> = {}): Engagement {
  return { organization: 'Acme Cloud, Inc.', ...examinedOn, ...overrides };
}

export async function buildEngagement(
  db: Executor,
  overrides: Partial<EngagementInput> = {},
  deps: StoreDependencies = defaultDependencies,
): Promise<StoredEngagement> {
  const organizationId = overrides.organizationId ?? (await buildOrganization(db)).id;
  return createEngagementsRepository(db, deps).create({ ...engagementSettings(overrides), organizationId });
}

export function controlFields(overrides: Partial<Control> = {}): Control {
  return {
    id: overrides.id ?? unique('CTL'),
    title: 'Terminated users are deprovisioned within one business day',
    criteria: ['CC6.2', 'CC6.3'],
    frequency: 'event',
    nature: 'manual',
    key: true,
    design: 'effective',
    compensates: [],
    owner: 'it-ops@acme.example',
    ...overrides,
  };
}

export async function buildControl(
  db: Executor,
  overrides: Partial<Control> & { engagementId?: string } = {},
): Promise<StoredControl> {
  const { engagementId, ...control } = overrides;
  return createControlsRepository(db).create(engagementId ?? (await buildEngagement(db)).id, controlFields(control));
}

export function samplesOf(results: string, prefix = 'T'): Sample[] {
  // 'ppfp' → pass, pass, fail (with a note), pass
  return [...results].map((r, i) => ({
    item: `${prefix}-${String(i + 1).padStart(4, '0')}`,
    result: r === 'f' ? 'fail' : 'pass',
    note: r === 'f' ? `Deviation found in item ${i + 1}` : null,
  }));
}

export async function buildTest(
  db: Executor,
  overrides: Partial<ControlTestInput> & { controlRowId?: string } = {},
): Promise<StoredControlTest> {
  const { controlRowId, ...test } = overrides;
  return createControlsRepository(db).createTest(controlRowId ?? (await buildControl(db)).rowId, {
    method: 'inspection',
    populationSize: 42,
    samples: samplesOf('ppppf'),
    scopeLimitation: null,
    ...test,
  });
}

/**
 * A generated examination of `controlCount` controls, each tested with `samplesPerTest` samples (every
 * seventh control untested, every eleventh sample a deviation), varied enough to catch a lost field.
 */
export function generateExamination(
  engagement: Examination['engagement'],
  controlCount: number,
  samplesPerTest: number,
): Examination {
  const frequencies = ['annual', 'quarterly', 'monthly', 'weekly', 'daily', 'event', 'automated'] as const;
  const controls: Control[] = [];
  const tests: ControlTest[] = [];
  for (let i = 0; i < controlCount; i++) {
    const id = `C-${String(i + 1).padStart(4, '0')}`;
    controls.push({
      id,
      title: `Control ${i + 1} — “quoted”, ünïcödé, 'apostrophe'`,
      criteria: [`CC${(i % 9) + 1}.${(i % 3) + 1}`, ...(i % 5 === 0 ? ['A1.2'] : [])],
      frequency: frequencies[i % frequencies.length] ?? 'event',
      nature: i % 4 === 0 ? 'automated' : 'manual',
      key: i % 3 !== 0,
      design: i % 13 === 0 ? 'deficient' : 'effective',
      compensates: i % 10 === 1 ? [`C-${String(i).padStart(4, '0')}`] : [],
      owner: i % 6 === 0 ? null : `owner-${i % 4}@acme.example`,
    });
    if (i % 7 === 6) continue;
    tests.push({
      control: id,
      method: (['inquiry', 'observation', 'inspection', 'reperformance'] as const)[i % 4] ?? 'inspection',
      populationSize: i % 8 === 0 ? null : 100 + i,
      samples: Array.from({ length: samplesPerTest }, (_, j) => ({
        item: `${id}/S-${String(j + 1).padStart(5, '0')}`,
        result: (i + j) % 11 === 0 ? 'fail' : 'pass',
        note: (i + j) % 11 === 0 ? `Deviation ${j + 1}` : null,
      })),
      scopeLimitation: i % 17 === 16 ? 'Population could not be produced' : null,
    });
  }
  return { engagement, controls, tests };
}
