/**
 * `assay package`: the auditor's package of an engagement on the database, as the operator: the same service as
 * the API's download (the same evidence, the same audit event). Written beside its final name and renamed into
 * place once complete, so a failure (evidence altered in the store, a full disk) leaves nothing half-written;
 * evidence altered in the store exits 1, naming the file.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { counted } from '../../domain/words.js';
import { AlteredFileError } from '../../reports/package/index.js';
import { evidenceSettingsFrom } from '../../services/evidence/index.js';
import { createServices, defaultServiceDependencies } from '../../services/index.js';
import { OPERATOR } from '../../services/platform/actor.js';
import { DATABASE_OPTION_HELP, resolveDatabaseUrl, withStore } from '../database.js';
import { EXIT_PROBLEMS_FOUND } from '../exit-codes.js';
import { envOf, type CliIO } from '../io.js';

interface Options {
  organization: string;
  engagement?: string;
  out?: string;
  database?: string;
}

export function registerPackage(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('package')
    .description("write the auditor's package of an engagement: a zip of the workpapers, the examination and every evidence file the tests rely on, with a SHA-256 manifest (check it with assay verify --package)")
    .requiredOption('--organization <slug>', 'the organisation')
    .option('--engagement <name-or-id>', 'the engagement (needed when the organisation has more than one)')
    .option('--out <file>', 'where to write the zip (default: its own name, in the current folder)')
    .option('--database <url>', DATABASE_OPTION_HELP)
    .action(async (options: Options) => {
      const settings = evidenceSettingsFrom(envOf(io));
      const url = resolveDatabaseUrl(options.database, io);
      const written = await withStore(url, { mustExist: true }, async (store) => {
        const services = createServices(store, { ...defaultServiceDependencies, evidence: settings });
        const found = await services.workspace.findEngagement(OPERATOR, {
          organizationSlug: options.organization,
          ...(options.engagement !== undefined && { engagement: options.engagement }),
        });
        const pkg = await services.packages.export(OPERATOR, found.organization.id, found.engagement.id);
        const out = options.out ?? pkg.fileName;
        const partial = join(dirname(out), `.${basename(out)}.partial`);
        try {
          await pipeline(Readable.from(pkg.content), createWriteStream(partial, { flags: 'wx' }));
          await rename(partial, out);
        } catch (error) {
          await rm(partial, { force: true });
          throw error;
        }
        return { out, manifest: pkg.manifest };
      }).catch((error: unknown) => {
        // Evidence altered in the store is a problem found, as `assay verify` reports one: exit 1, nothing written.
        if (!(error instanceof AlteredFileError)) throw error;
        io.err(`assay: no package written: ${error.message}\n`);
        setExit(EXIT_PROBLEMS_FOUND);
        return null;
      });
      if (written === null) return;
      const evidence = written.manifest.files.filter((f) => f.evidence !== undefined).length;
      io.out(`Wrote ${written.out}: the workpapers, the examination and ${counted(evidence, 'evidence file')}; audit log head ${written.manifest.auditLogHead ?? 'none'}\n`);
    });
}
