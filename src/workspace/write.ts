/**
 * Writes an Examination back as a workspace folder (DESIGN §4): `assay.yaml`, `controls/<id>.yaml` and
 * `tests/<id>.yaml` (ids in lower case), and its findings and root causes when it has any (`findings/<id>.yaml`,
 * `root-causes/<id>.yaml`, docs/findings.md), its system description (`description.yaml`), risks and vendors
 * (`risks/<code>.yaml`, `vendors/<code>.yaml`) when it has them. Fields at their format default are left out, so an exported
 * workspace reads like a hand-written one, and `loadWorkspace(await writeWorkspace(dir, x))` gives `x` back
 * (controls and tests in file-name order, which is id order when ids are the file names).
 *
 * The files are written into a fresh folder beside the target and renamed into place, so a failure leaves
 * the target as it was, never half-written.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Document } from 'yaml';
import {
  DEFAULT_PERVASIVENESS,
  DEFAULT_SAMPLING,
  ValidationError,
  type Control,
  type ControlTest,
  type Engagement,
  type Examination,
  type SystemDescription,
} from '../domain/index.js';
import type { WorkspaceFindings } from './findings.js';
import type { WorkspaceRegister } from './register.js';
import { renderDescription } from './write-description.js';
import { renderFindings } from './write-findings.js';
import { renderRegister } from './write-register.js';
import type { WorkspaceCheckFile } from './checks.js';
import { FileNames, flow, map, samplesNode, yamlText, type Fields } from './yaml-write.js';

/** The parts of a folder that are the workspace; `overwrite` replaces these and leaves anything else alone. */
export const WORKSPACE_PARTS = ['assay.yaml', 'controls', 'tests', 'root-causes', 'findings', 'description.yaml', 'risks', 'vendors'] as const;

/** What a workspace folder holds: the examination, and its findings, root causes and management responses when there are any. */
export type WorkspaceContent = Examination & Partial<WorkspaceFindings> & {
  /** Its monitoring checks, each file as written; absent: the workspace says nothing of checks. */
  checkFiles?: WorkspaceCheckFile[];
};

/**
 * What management states beside the examination: its system description and its risk register with the vendors.
 * Absent: the workspace has no `description.yaml`, or says nothing of risks and vendors.
 */
export interface WorkspaceStatements {
  description?: SystemDescription;
  register?: WorkspaceRegister;
}

export interface WriteOptions {
  /**
   * Write into a folder that is not empty: its `assay.yaml`, `controls/` and `tests/` are replaced as a
   * whole (a control file not in the examination goes), anything else there (`.git`, a README) is kept.
   */
  overwrite?: boolean;
}

export interface WorkspaceText {
  /** Relative path in the workspace, with `/` separators. */
  path: string;
  text: string;
}

/** The workspace's files as text, in the order they are written; pure. */
export function renderWorkspace(examination: WorkspaceContent & WorkspaceStatements): WorkspaceText[] {
  const names = new FileNames();
  const files: WorkspaceText[] = [{ path: 'assay.yaml', text: yamlText(assayDocument(examination.engagement)) }];
  const nameOf = new Map<string, string>();
  for (const control of examination.controls) {
    const name = names.take(control.id);
    nameOf.set(control.id, name);
    files.push({ path: `controls/${name}.yaml`, text: yamlText(controlDocument(control)) });
  }
  const testNames = new FileNames();
  for (const test of examination.tests) {
    // A test takes its control's file name, so the two files of one control are easy to find.
    const name = testNames.take(nameOf.get(test.control) ?? test.control);
    files.push({ path: `tests/${name}.yaml`, text: yamlText(testDocument(test)) });
  }
  files.push(...renderFindings(examination, examination.findings ?? [], examination.rootCauses ?? [], examination.managementResponses ?? []));
  for (const check of examination.checkFiles ?? []) files.push({ path: `checks/${check.fileName}`, text: check.definition });
  if (examination.description) files.push(renderDescription(examination.description));
  if (examination.register) files.push(...renderRegister(examination.register));
  return files;
}

/** Writes the examination as a workspace at `dir` (created when missing); resolves to `dir`. */
export async function writeWorkspace(dir: string, examination: WorkspaceContent & WorkspaceStatements, options: WriteOptions = {}): Promise<string> {
  const files = renderWorkspace(examination);
  const target = resolve(dir);
  const present = await entriesOf(dir, target);
  if (present !== null && present.length > 0 && !options.overwrite) {
    throw new ValidationError(
      [{ location: dir, message: `the folder is not empty (${present.slice(0, 3).join(', ')}${present.length > 3 ? ', …' : ''}); choose an empty one, or overwrite its workspace files` }],
      'Cannot write the workspace',
    );
  }

  await mkdir(dirname(target), { recursive: true });
  // Beside the target, so the final rename stays on one file system; mkdir (not mkdtemp) keeps the umask's mode.
  const staging = join(dirname(target), `.${basename(target)}.assay-${randomBytes(6).toString('hex')}`);
  await mkdir(staging);
  try {
    // controls/ and tests/ always (an examination may have none yet); findings/ and root-causes/ when used.
    const folders = new Set(['controls', 'tests', ...files.map((f) => dirname(f.path)).filter((d) => d !== '.')]);
    for (const sub of folders) await mkdir(join(staging, sub));
    for (const file of files) await writeFile(join(staging, file.path), file.text, { flag: 'wx' });
    if (present === null || present.length === 0) {
      if (present !== null) await rmdir(target);
      await rename(staging, target);
    } else {
      await swapParts(staging, target);
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return dir;
}

/** The names in the folder, null when there is no folder; a file in its place is refused. */
async function entriesOf(dir: string, target: string): Promise<string[] | null> {
  const info = await stat(target).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  if (info === null) return null;
  if (!info.isDirectory()) {
    throw new ValidationError([{ location: dir, message: 'is a file, not a folder' }], 'Cannot write the workspace');
  }
  return (await readdir(target)).sort();
}

/**
 * Moves the workspace parts of a non-empty target aside, the new ones in, and drops the old; if a step
 * fails, what was moved goes back, so the target keeps its old workspace.
 */
async function swapParts(staging: string, target: string): Promise<void> {
  const previous = join(staging, '.previous');
  await mkdir(previous);
  const movedAside: string[] = [];
  const movedIn: string[] = [];
  try {
    for (const part of WORKSPACE_PARTS) {
      const exists = await stat(join(target, part)).then(() => true, () => false);
      if (exists) {
        await rename(join(target, part), join(previous, part));
        movedAside.push(part);
      }
    }
    for (const part of WORKSPACE_PARTS) {
      // A part the new workspace does not have (no findings) is gone: the old one was moved aside.
      if (!(await stat(join(staging, part)).then(() => true, () => false))) continue;
      await rename(join(staging, part), join(target, part));
      movedIn.push(part);
    }
  } catch (error) {
    for (const part of movedIn) await rm(join(target, part), { recursive: true, force: true });
    for (const part of movedAside) await rename(join(previous, part), join(target, part));
    throw error;
  }
}

function assayDocument(engagement: Engagement): Document {
  const doc = new Document();
  const report: Fields = [
    ['type', engagement.reportType],
    ...(engagement.periodStart !== null ? ([['periodStart', engagement.periodStart]] as Fields) : []),
    ['periodEnd', engagement.periodEnd],
  ];
  // Security is always in: the default is security alone.
  if (!(engagement.categories.length === 1 && engagement.categories[0] === 'security')) {
    report.push(['categories', flow(doc, engagement.categories)]);
  }
  const fields: Fields = [
    ['organization', engagement.organization],
    ['system', engagement.system],
    ['report', map(doc, report)],
  ];
  if (engagement.notApplicable.length > 0) {
    fields.push(['notApplicable', map(doc, engagement.notApplicable.map((n) => [n.criterion, n.reason]))]);
  }
  const sampling = changed(engagement.sampling, DEFAULT_SAMPLING);
  if (sampling.length > 0) fields.push(['sampling', map(doc, sampling)]);
  if (engagement.misstatements.length > 0) {
    const misstatements = engagement.misstatements.map((m) =>
      map(doc, [['text', m.text], ...(m.pervasive ? ([['pervasive', true]] as Fields) : [])]),
    );
    fields.push(['description', map(doc, [['misstatements', doc.createNode(misstatements)]])]);
  }
  const pervasive = changed(engagement.pervasiveness, DEFAULT_PERVASIVENESS);
  if (pervasive.length > 0) {
    const thresholds = map(doc, pervasive);
    thresholds.flow = true;
    fields.push(['opinion', map(doc, [['pervasive', thresholds]])]);
  }
  doc.contents = map(doc, fields);
  return doc;
}

function controlDocument(control: Control): Document {
  const doc = new Document();
  const fields: Fields = [
    ['id', control.id],
    ['title', control.title],
    ['criteria', flow(doc, control.criteria)],
    ['frequency', control.frequency],
    ['nature', control.nature],
  ];
  if (!control.key) fields.push(['key', false]);
  if (control.design !== 'effective') fields.push(['design', control.design]);
  if (control.compensates.length > 0) fields.push(['compensates', flow(doc, control.compensates)]);
  if (control.owner !== null) fields.push(['owner', control.owner]);
  doc.contents = map(doc, fields);
  return doc;
}

function testDocument(test: ControlTest): Document {
  const doc = new Document();
  const fields: Fields = [
    ['control', test.control],
    ['method', test.method],
  ];
  if (test.populationSize !== null) fields.push(['populationSize', test.populationSize]);
  if (test.samples.length > 0) fields.push(['samples', samplesNode(doc, test.samples)]);
  if (test.scopeLimitation !== null) fields.push(['scopeLimitation', test.scopeLimitation]);
  doc.contents = map(doc, fields);
  return doc;
}

/** The fields of `value` that differ from the format's default. */
function changed<T extends object>(value: T, defaults: T): Fields {
  return (Object.keys(defaults) as (keyof T & string)[]).filter((k) => value[k] !== defaults[k]).map((k) => [k, value[k]]);
}
