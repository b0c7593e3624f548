/**
 * `assay risks`: the engagement's risk register from the database, or a workspace's `risks/` with its forecast, each
 * risk's inherent and residual score (docs/risks-and-vendors.md).
 */
import type { Command } from 'commander';
import { ValidationError, compareByResidual, isoDate, words } from '../../domain/index.js';
import type { RiskRegister } from '../../services/risks/index.js';
import { assessedRiskRegister } from '../../workspace/register.js';
import { actingOn, engagementOptions, type EngagementOptions } from '../acting.js';
import { resolveDatabaseUrl, withStore } from '../database.js';
import type { CliIO } from '../io.js';
import { choice } from '../options.js';
import { examineWorkspace } from './examine.js';

const FORMATS = ['text', 'json'] as const;

type Assessed = Pick<RiskRegister['risks'][number], 'code' | 'title' | 'assessment' | 'flags'>;

export function registerRisks(program: Command, io: CliIO): void {
  engagementOptions(
    program
      .command('risks')
      .description(
        "the risk register: each risk's inherent score and its residual score, worked out from its controls' conclusions and monitoring, highest residual first; from the database, or from a workspace folder's risks/ and its forecast",
      )
      .argument('[dir]', 'workspace folder (risks/ beside assay.yaml, controls/, tests/); without it, the engagement in the database'),
    { organizationRequired: false },
  )
    .option('--format <format>', `output: ${FORMATS.join(' | ')}`, choice(FORMATS), 'text')
    .action(async (dir: string | undefined, options: Partial<EngagementOptions> & { format: (typeof FORMATS)[number] }) => {
      const register = dir === undefined ? await storedRegister(io, options) : await workspaceRegister(dir, isoDate(new Date()));
      io.out(options.format === 'json' ? `${JSON.stringify(register, null, 2)}\n` : registerText(register.risks));
    });
}

async function storedRegister(io: CliIO, options: Partial<EngagementOptions>): Promise<RiskRegister> {
  const { organization } = options;
  if (organization === undefined) {
    throw new ValidationError([{ location: '--organization', message: 'give the organisation whose register to read, or a workspace folder' }], 'Which register?');
  }
  return withStore(resolveDatabaseUrl(options.database, io), { mustExist: true }, async (store) => {
    const { services, actor, organization: acting, engagement } = await actingOn(store, io, { ...options, organization });
    return services.risks.list(actor, acting.id, engagement.id);
  });
}

/** A workspace's risks assessed against the workspace's own forecast (docs/risks-and-vendors.md). */
async function workspaceRegister(dir: string, today: string) {
  return { today, risks: await assessedRiskRegister(dir, await examineWorkspace(dir), today) };
}

function registerText(risks: readonly Assessed[]): string {
  if (risks.length === 0) return 'The register is empty.\n';
  const ranked = [...risks].sort(compareByResidual);
  const lines = ranked.map((r) => {
    const { inherent, residual, strongest } = r.assessment;
    const by = strongest === null ? 'no effective control' : `set by ${strongest}`;
    const flags = r.flags.length > 0 ? ` [${r.flags.map((f) => words(f)).join(', ')}]` : '';
    return `${r.code}  residual ${residual.score} ${residual.level} (${by}), inherent ${inherent.score} ${inherent.level}: ${r.title}${flags}`;
  });
  return `${lines.join('\n')}\n`;
}
