/**
 * `assay evidence add`: files (or every file of a folder) stored as evidence of an engagement on the database, as
 * the operator: the same service as an upload, so the same limit, checks and audit events, all or nothing.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { EVIDENCE_SOURCES, ValidationError, mediaTypeOf, type EvidenceSource } from '../../domain/index.js';
import { MAX_EVIDENCE_FILES_PER_UPLOAD } from '../../domain/limits.js';
import { counted } from '../../domain/words.js';
import { evidenceSettingsFrom, type EvidenceFile } from '../../services/evidence/index.js';
import { createServices, defaultServiceDependencies } from '../../services/index.js';
import { OPERATOR } from '../../services/platform/actor.js';
import { DATABASE_OPTION_HELP, resolveDatabaseUrl, withStore } from '../database.js';
import { envOf, type CliIO } from '../io.js';
import { choice } from '../options.js';

const FORMATS = ['text', 'json'] as const;
/** What a person adds at the command line: an upload or another system's export (check runs add their own). */
const SOURCES = EVIDENCE_SOURCES.filter((s) => s !== 'check-run');
/** More files than this in one command is a mistake (a whole disk named), not evidence. */
const MAX_FILES = MAX_EVIDENCE_FILES_PER_UPLOAD * 50;

interface Options {
  organization: string;
  engagement?: string;
  control: string[];
  coversFrom?: string;
  coversTo?: string;
  source: EvidenceSource;
  database?: string;
  format: (typeof FORMATS)[number];
}

/** The files named, a folder standing for every file under it, in name order; a path that is neither is refused. */
async function filesOf(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const found = await stat(path).catch(() => null);
    if (found?.isFile()) files.push(path);
    else if (found?.isDirectory()) {
      const entries = await readdir(path, { recursive: true, withFileTypes: true });
      files.push(...entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort());
    } else throw new ValidationError([{ location: path, message: 'no file or folder here' }], 'Nothing stored');
  }
  if (files.length === 0) throw new ValidationError([{ location: paths.join(' '), message: 'no file to add' }], 'Nothing stored');
  if (files.length > MAX_FILES) throw new ValidationError([{ location: paths.join(' '), message: `${files.length} files: at most ${MAX_FILES} at a time` }], 'Nothing stored');
  return files;
}

const collect = (value: string, previous: string[]) => [...previous, ...value.split(',').map((c) => c.trim()).filter(Boolean)];

export function registerEvidence(program: Command, io: CliIO): void {
  const group = program.command('evidence').description('the evidence store of an engagement');
  group
    .command('add')
    .description('store files as evidence of an engagement (a folder: every file in it), all or nothing; identical bytes are stored once')
    .argument('<paths...>', 'files or folders')
    .requiredOption('--organization <slug>', 'the organisation')
    .option('--engagement <name-or-id>', 'the engagement (needed when the organisation has more than one)')
    .option('--control <id>', 'a control the files are evidence for (repeat, or separate with commas)', collect, [])
    .option('--covers-from <date>', 'the first day the files cover (YYYY-MM-DD)')
    .option('--covers-to <date>', 'the last day the files cover (YYYY-MM-DD)')
    .option('--source <source>', `where the files come from: ${SOURCES.join(' | ')}`, choice(SOURCES), 'upload')
    .option('--database <url>', DATABASE_OPTION_HELP)
    .option('--format <format>', `output: ${FORMATS.join(' | ')}`, choice(FORMATS), 'text')
    .action(async (paths: string[], options: Options) => {
      const files = await filesOf(paths);
      const settings = evidenceSettingsFrom(envOf(io));
      const url = resolveDatabaseUrl(options.database, io);
      const { added, engagement } = await withStore(url, { mustExist: true }, async (store) => {
        const services = createServices(store, { ...defaultServiceDependencies, evidence: settings });
        const found = await services.workspace.findEngagement(OPERATOR, {
          organizationSlug: options.organization,
          ...(options.engagement !== undefined && { engagement: options.engagement }),
        });
        const described = files.map(
          (file): EvidenceFile => ({
            // Opened when the service reads it, one file at a time.
            content: (async function* () {
              yield* createReadStream(file);
            })(),
            fileName: basename(file),
            mediaType: mediaTypeOf(file),
            controls: options.control,
            coversFrom: options.coversFrom ?? null,
            coversTo: options.coversTo ?? null,
            source: options.source,
          }),
        );
        return { added: await services.evidence.addAll(OPERATOR, found.organization.id, found.engagement.id, described), engagement: found.engagement };
      });
      if (options.format === 'json') {
        io.out(`${JSON.stringify({ engagement: engagement.id, evidence: added }, null, 2)}\n`);
        return;
      }
      io.out(`Added ${counted(added.length, 'file')} to "${engagement.name}":\n`);
      for (const record of added) {
        io.out(`  ${record.fileName}  ${record.size} bytes  sha256 ${record.sha256}${record.outsidePeriod ? '  (outside the period)' : ''}\n`);
      }
    });
}
