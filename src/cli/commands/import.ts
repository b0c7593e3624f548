/** `assay import DIR`: a workspace into the database, all or nothing. */
import type { Command } from 'commander';
import { OPERATOR } from '../../services/platform/actor.js';
import { createServices } from '../../services/index.js';
import type { ImportResult } from '../../services/engagements/workspace-service.js';
import { loadWorkspaceContent } from '../../workspace/content.js';
import { DATABASE_OPTION_HELP, describeDatabase, resolveDatabaseUrl, withStore } from '../database.js';
import type { CliIO } from '../io.js';
import { choice } from '../options.js';
import { counted } from '../../domain/words.js';

const FORMATS = ['text', 'json'] as const;

export function registerImport(program: Command, io: CliIO): void {
  program
    .command('import')
    .description(
      'import a workspace into the database: creates or finds the organisation, creates or replaces the engagement with all its controls, tests, samples, findings, root causes and management responses, and records its system description, risks and vendors, in one transaction; a recorded sample result or vendor report is never erased (see --new-test-versions), a description, risk or vendor replaced is kept in the audit log',
    )
    .argument('<dir>', 'workspace folder (assay.yaml, controls/, tests/, findings/, root-causes/, checks/, description.yaml, risks/, vendors/)')
    .option('--database <url>', DATABASE_OPTION_HELP)
    .option('--organization <slug>', 'the organisation to import into (default: derived from the workspace\'s organisation name)')
    .option('--engagement <name>', 'the engagement to create or replace (default: the system and the period)')
    .option(
      '--new-test-versions',
      'over an existing engagement, where the workspace drops or changes recorded sample results, start a new test version from the workspace and keep the stored test, whole, in the control\'s history; without it such an import is refused (exit 2) naming each control, and a recorded result is never erased',
    )
    .option('--format <format>', `output: ${FORMATS.join(' | ')}`, choice(FORMATS), 'text')
    .action(async (dir: string, options: { database?: string; organization?: string; engagement?: string; newTestVersions?: boolean; format: (typeof FORMATS)[number] }) => {
      // Validated as a whole before the database is even opened: bad input writes nothing.
      const content = await loadWorkspaceContent(dir);
      const url = resolveDatabaseUrl(options.database, io);
      const result = await withStore(url, {}, (store) =>
        createServices(store).workspace.importWorkspace(OPERATOR, content, {
          ...(options.organization !== undefined && { organizationSlug: options.organization }),
          ...(options.engagement !== undefined && { engagementName: options.engagement }),
          newTestVersions: options.newTestVersions === true,
        }),
      );
      if (options.format === 'json') io.out(`${JSON.stringify(importReport(result, describeDatabase(url)), null, 2)}\n`);
      else io.out(importText(dir, result, describeDatabase(url)));
      for (const note of result.notes) io.err(`note: ${note}\n`);
    });
}

function importReport(result: ImportResult, database: string) {
  return {
    database,
    organization: { id: result.organization.id, slug: result.organization.slug, name: result.organization.name, created: result.organizationCreated },
    engagement: { id: result.engagement.id, name: result.engagement.name, created: result.engagementCreated },
    ...result.counts,
    superseded: result.superseded,
    notes: result.notes,
  };
}

function importText(dir: string, result: ImportResult, database: string): string {
  const { organization, engagement, counts } = result;
  return [
    `Imported ${dir} into ${database}`,
    `  organisation  ${organization.slug} (${organization.name})${result.organizationCreated ? ', created' : ''}`,
    `  engagement    "${engagement.name}" (${engagement.id}), ${result.engagementCreated ? 'created' : 'replaced'}`,
    `  ${counts.controls} controls, ${counts.tests} tests, ${counts.samples} samples`,
    `  ${counts.findings} findings, ${counts.rootCauses} root causes, ${counts.managementResponses} management responses`,
    `  ${counts.description ? 'the system description' : 'no system description'}, ${counts.risks} risks, ${counts.vendors} vendors (${counted(counts.vendorReports, 'SOC 2 report')} recorded now)`,
    ...result.superseded.map(
      (t) => `  ${t.control}: a new test version; the previous one, with its ${counted(t.results, 'recorded result')} (${t.changed} dropped or changed by the workspace), is kept in the control's history`,
    ),
    '',
  ].join('\n');
}
