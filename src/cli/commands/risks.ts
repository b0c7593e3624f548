/** `assay risks`: the engagement's risk register from the database, each risk's inherent and residual score (docs/risks-and-vendors.md). */
import type { Command } from 'commander';
import { words } from '../../domain/index.js';
import type { RiskRegister } from '../../services/risks/index.js';
import { actingOn, engagementOptions, type EngagementOptions } from '../acting.js';
import { resolveDatabaseUrl, withStore } from '../database.js';
import type { CliIO } from '../io.js';
import { choice } from '../options.js';

const FORMATS = ['text', 'json'] as const;

export function registerRisks(program: Command, io: CliIO): void {
  engagementOptions(
    program
      .command('risks')
      .description("the engagement's risk register: each risk's inherent score and its residual score, worked out from its controls' conclusions and monitoring, highest residual first"),
  )
    .option('--format <format>', `output: ${FORMATS.join(' | ')}`, choice(FORMATS), 'text')
    .action(async (options: EngagementOptions & { format: (typeof FORMATS)[number] }) => {
      const register = await withStore(resolveDatabaseUrl(options.database, io), { mustExist: true }, async (store) => {
        const { services, actor, organization, engagement } = await actingOn(store, io, options);
        return services.risks.list(actor, organization.id, engagement.id);
      });
      io.out(options.format === 'json' ? `${JSON.stringify(register, null, 2)}\n` : registerText(register));
    });
}

function registerText(register: RiskRegister): string {
  if (register.risks.length === 0) return 'The register is empty.\n';
  const ranked = [...register.risks].sort((a, b) => b.assessment.residual.score - a.assessment.residual.score || a.code.localeCompare(b.code));
  const lines = ranked.map((r) => {
    const { inherent, residual, strongest } = r.assessment;
    const by = strongest === null ? 'no effective control' : `set by ${strongest}`;
    const flags = r.flags.length > 0 ? ` [${r.flags.map((f) => words(f)).join(', ')}]` : '';
    return `${r.code}  residual ${residual.score} ${residual.level} (${by}), inherent ${inherent.score} ${inherent.level}: ${r.title}${flags}`;
  });
  return `${lines.join('\n')}\n`;
}
