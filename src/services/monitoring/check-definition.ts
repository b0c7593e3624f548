/**
 * A stored check file made runnable: its text read as the workspace reads it (`readCheckFile`), with each source
 * pointing at a copy of the export attached to it, in a folder of its own that is removed after the run.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ValidationError, type Issue } from '../../domain/index.js';
import type { CheckDefinition } from '../../monitoring/definition.js';
import type { SourceAttachment } from '../../store/checks-repository.js';
import { readCheckFile } from '../../workspace/check-file.js';
import { parseYaml } from '../../workspace/yaml-source.js';

/** Where an export's bytes come from: the evidence store, by the hash it is addressed by. */
export interface ExportBytes {
  /** Writes the bytes stored under `sha256` to the file at `path`. */
  copyTo(sha256: string, path: string): Promise<void>;
}

/** The check file's text as a definition, its sources inside `folder`; a file that does not read is refused with each problem. */
export function definitionOf(fileName: string, text: string, folder: string): CheckDefinition {
  const issues: Issue[] = [];
  const definition = readCheckFile(folder, parseYaml(`checks/${fileName}`, text), issues);
  if (!definition || issues.length > 0) throw new ValidationError(issues, `The check file checks/${fileName} is not valid`);
  return definition;
}

/**
 * Runs `work` on the check with every source's export copied where the check file says it is. A source with no
 * export attached is refused, naming it; the folder goes whatever happens.
 */
export async function withExports<T>(
  check: { fileName: string; definition: string; checkId: string },
  attached: ReadonlyMap<string, SourceAttachment>,
  bytes: ExportBytes,
  work: (definition: CheckDefinition) => Promise<T>,
): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), 'assay-check-'));
  try {
    const definition = definitionOf(check.fileName, check.definition, folder);
    const missing = definition.sources.filter((s) => !attached.has(s.name));
    if (missing.length > 0) {
      throw new ValidationError(
        missing.map((s) => ({ location: `sources.${s.name}`, message: `no export is attached to source "${s.name}" (${s.format}): upload one` })),
        `Check ${check.checkId} cannot run`,
      );
    }
    for (const source of definition.sources) {
      await mkdir(dirname(source.path), { recursive: true });
      await bytes.copyTo((attached.get(source.name) as SourceAttachment).sha256, source.path);
    }
    return await work(definition);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
