/** Reads a workspace folder from disk (DESIGN §4) and hands it to the validator. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ValidationError, type Examination } from '../domain/index.js';
import { createWorkspaceValidator } from './validate.js';
import { parseYaml } from './yaml-source.js';

export interface WorkspaceFile {
  /** The path as shown in messages: the folder as given, joined with the file's place in it. */
  file: string;
  text: string;
}

export interface WorkspaceFiles {
  assay: WorkspaceFile | null;
  assayFile: string;
  controls: WorkspaceFile[];
  tests: WorkspaceFile[];
}

/** Loads and validates a workspace; throws ValidationError with every problem as `file:line: message`. */
export async function loadWorkspace(dir: string): Promise<Examination> {
  return parseWorkspace(await readWorkspaceFiles(dir));
}

/** Parses and judges the files one at a time; each parsed document is dropped once judged. */
export function parseWorkspace(files: WorkspaceFiles): Examination {
  const parse = (f: WorkspaceFile) => parseYaml(f.file, f.text);
  const validator = createWorkspaceValidator();
  validator.assay(files.assay && parse(files.assay), files.assayFile);
  for (const f of files.controls) validator.control(parse(f));
  for (const f of files.tests) validator.test(parse(f));
  return validator.finish();
}

export async function readWorkspaceFiles(dir: string): Promise<WorkspaceFiles> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) {
    throw new ValidationError([{ location: `${dir}:1`, message: 'not a folder: give the path of a workspace folder' }]);
  }
  const assayFile = join(dir, 'assay.yaml');
  const [assay, controls, tests] = await Promise.all([
    readFile(assayFile, 'utf8').then(
      (text) => ({ file: assayFile, text }),
      () => null,
    ),
    readYamlTree(dir, 'controls'),
    readYamlTree(dir, 'tests'),
  ]);
  return { assay, assayFile, controls, tests };
}

/** Every .yaml / .yml file below `dir/sub`, in a stable order; a missing folder holds none. */
async function readYamlTree(dir: string, sub: string): Promise<WorkspaceFile[]> {
  const root = join(dir, sub);
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const paths = entries
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort((a, b) => (relative(root, a) < relative(root, b) ? -1 : 1));
  return Promise.all(paths.map(async (file) => ({ file, text: await readFile(file, 'utf8') })));
}
