/** `assay export DIR`: an engagement from the database, written back as a workspace folder. */
import type { Command } from 'commander';
import { ValidationError } from '../../domain/index.js';
import { OPERATOR } from '../../services/platform/actor.js';
import { createServices } from '../../services/index.js';
import { loadWorkspaceContent } from '../../workspace/content.js';
import { writeWorkspace } from '../../workspace/write.js';
import { DATABASE_OPTION_HELP, resolveDatabaseUrl, withStore } from '../database.js';
import type { CliIO } from '../io.js';
import { choice } from '../options.js';

const FORMATS = ['text', 'json'] as const;

export function registerExport(program: Command, io: CliIO): void {
  program
    .command('export')
    .description('write an engagement of the database as a workspace folder (assay.yaml, controls/, tests/, findings/, root-causes/, checks/, description.yaml, risks/, vendors/)')
    .argument('<dir>', 'the folder to write (must be empty or missing, unless --force)')
    .requiredOption('--organization <slug>', 'the organisation')
    .option('--engagement <name-or-id>', 'the engagement (needed when the organisation has more than one)')
    .option('--database <url>', DATABASE_OPTION_HELP)
    .option('--force', 'write into a folder that is not empty: replaces its assay.yaml, controls/, tests/, findings/, root-causes/, description.yaml, risks/ and vendors/, keeps anything else')
    .option('--format <format>', `output: ${FORMATS.join(' | ')}`, choice(FORMATS), 'text')
    .action(async (dir: string, options: { organization: string; engagement?: string; database?: string; force?: boolean; format: (typeof FORMATS)[number] }) => {
      const url = resolveDatabaseUrl(options.database, io);
      const { engagement, workspace: content, archivedControls } = await withStore(url, { mustExist: true }, async (store) => {
        const { workspace, controls } = createServices(store);
        const found = await workspace.findEngagement(OPERATOR, {
          organizationSlug: options.organization,
          ...(options.engagement !== undefined && { engagement: options.engagement }),
        });
        const { organization: { id: organizationId }, engagement: { id: engagementId } } = found;
        return {
          engagement: found.engagement,
          workspace: await workspace.exportWorkspace(OPERATOR, organizationId, engagementId),
          archivedControls: (await controls.list(OPERATOR, organizationId, engagementId, { limit: 1, offset: 0, archived: 'only' })).total,
        };
      });
      await writeWorkspace(dir, content, { overwrite: options.force ?? false });
      // The database may hold what the format cannot say (a test with neither a population nor a scope
      // limitation, a finding the examination has changed under): say so now rather than at the next `import`.
      const problems = await loadWorkspaceContent(dir).then(
          () => [],
          (e: unknown) => (e instanceof ValidationError ? e.issues : [{ location: dir, message: String(e) }]),
        );
      const counts = {
        controls: content.controls.length,
        tests: content.tests.length,
        samples: content.tests.reduce((n, t) => n + t.samples.length, 0),
        findings: content.findings.length,
        rootCauses: content.rootCauses.length,
        managementResponses: content.managementResponses.length,
        description: content.description !== undefined,
        risks: content.register?.risks.length ?? 0,
        vendors: content.register?.vendors.length ?? 0,
      };
      if (options.format === 'json') {
        io.out(`${JSON.stringify({ dir, engagement: { id: engagement.id, name: engagement.name, archivedAt: engagement.archivedAt }, ...counts, archivedControls, problems }, null, 2)}\n`);
      } else {
        io.out(
          `Exported "${engagement.name}" of ${options.organization} to ${dir}: ${counts.controls} controls, ${counts.tests} tests, ${counts.samples} samples, ${counts.findings} findings, ${counts.rootCauses} root causes, ${counts.managementResponses} management responses, ${counts.description ? 'the system description' : 'no system description'}, ${counts.risks} risks, ${counts.vendors} vendors\n`,
        );
      }
      for (const p of problems) io.err(`warning: ${p.location}: ${p.message}\n`);
      if (archivedControls > 0) {
        io.err(`note: ${archivedControls} archived controls are not in the workspace (the API's GET …/engagements/${engagement.id}/export has them)\n`);
      }
    });
}
