/**
 * `assay not-applicable list|propose|accept|reject`: criteria not applicable as the app has them, from the console.
 * Management (compliance, an admin) proposes with the reason the report states; the auditor accepts or rejects,
 * a rejection saying why; an admin decides only where the organisation has no auditor (docs/rules.md).
 */
import type { Command } from 'commander';
import { ValidationError, words, type NotApplicableProposal, type ProposalForecast } from '../../domain/index.js';
import type { NotApplicableProposals } from '../../services/engagements/not-applicable-service.js';
import { actingOn, engagementOptions, type EngagementOptions } from '../acting.js';
import { resolveDatabaseUrl, withStore } from '../database.js';
import type { CliIO } from '../io.js';
import { choice } from '../options.js';

const FORMATS = ['text', 'json'] as const;

interface Options extends EngagementOptions {
  criterion?: string;
  reason?: string;
  note?: string;
  format: (typeof FORMATS)[number];
}

function required(value: string | undefined, option: string, message: string): string {
  if (value === undefined || value.trim() === '') throw new ValidationError([{ location: option, message }], 'Missing input');
  return value;
}

export function registerNotApplicable(program: Command, io: CliIO): void {
  const group = program
    .command('not-applicable')
    .description("criteria not applicable: proposed by management with a reason, accepted or rejected by the auditor (an admin where the organisation has none); pending, a proposal counts for nothing in the forecast");

  /** One subcommand: its options, then `act` with the engagement found as the actor sees it. */
  const sub = (name: string, description: string, extra: (c: Command) => Command, act: (options: Options, io: CliIO) => Promise<void>) =>
    extra(engagementOptions(group.command(name).description(description)))
      .option('--format <format>', `output: ${FORMATS.join(' | ')}`, choice(FORMATS), 'text')
      .action((options: Options) => act(options, io));

  sub('list', 'the proposals, pending first, with the forecast both ways for each pending one', (c) => c, async (options) => {
    const listed = await withStore(resolveDatabaseUrl(options.database, io), { mustExist: true }, async (store) => {
      const { services, actor, organization, engagement } = await actingOn(store, io, options);
      return services.notApplicable.list(actor, organization.id, engagement.id);
    });
    io.out(options.format === 'json' ? `${JSON.stringify(listed, null, 2)}\n` : listText(listed));
  });

  sub(
    'propose',
    'propose a criterion not applicable, with the reason the report states (compliance or an admin)',
    (c) => c.option('--criterion <id>', 'the criterion, e.g. CC9.2').option('--reason <text>', 'why it does not apply to the system'),
    async (options) => {
      const criterion = required(options.criterion, '--criterion', 'name the criterion, e.g. CC9.2');
      const reason = required(options.reason, '--reason', 'say why the criterion does not apply to the system (the report states it)');
      const proposal = await withStore(resolveDatabaseUrl(options.database, io), { mustExist: true }, async (store) => {
        const { services, actor, organization, engagement } = await actingOn(store, io, options);
        return services.notApplicable.propose(actor, organization.id, engagement.id, { criterion, reason });
      });
      io.out(options.format === 'json' ? `${JSON.stringify(proposal, null, 2)}\n` : `Proposed ${criterion} not applicable: pending until the auditor decides\n`);
    },
  );

  for (const decision of ['accept', 'reject'] as const) {
    sub(
      decision,
      decision === 'accept'
        ? "accept the pending proposal of a criterion: it becomes not applicable (the auditor's decision)"
        : 'reject the pending proposal of a criterion, saying why: it stays in scope',
      (c) => c.option('--criterion <id>', 'the criterion whose pending proposal is decided').option('--note <text>', decision === 'reject' ? 'why the criterion applies after all (required)' : 'a note on the acceptance'),
      async (options) => {
        const criterion = required(options.criterion, '--criterion', 'name the criterion whose pending proposal is decided');
        if (decision === 'reject') required(options.note, '--note', 'say why the criterion applies after all (management reads it)');
        const decided = await withStore(resolveDatabaseUrl(options.database, io), { mustExist: true }, async (store) => {
          const { services, actor, organization, engagement } = await actingOn(store, io, options);
          const { proposals } = await services.notApplicable.list(actor, organization.id, engagement.id);
          const pending = proposals.find((p) => p.criterion === criterion && p.status === 'pending');
          if (!pending) throw new ValidationError([{ location: '--criterion', message: `no pending proposal that ${criterion} does not apply` }], 'Nothing to decide');
          return services.notApplicable.decide(actor, organization.id, engagement.id, pending.id, pending.version, { decision, note: options.note ?? null });
        });
        io.out(options.format === 'json' ? `${JSON.stringify(decided, null, 2)}\n` : `${decision === 'accept' ? 'Accepted' : 'Rejected'}: ${decisionText(decided)}\n`);
      },
    );
  }
}

function decisionText(proposal: NotApplicableProposal): string {
  return proposal.status === 'accepted' ? `${proposal.criterion} is not applicable` : `${proposal.criterion} stays in scope (${proposal.decisionNote ?? ''})`;
}

function forecastText(forecast: ProposalForecast | undefined): string {
  if (!forecast) return '';
  return `\n      if accepted: ${words(forecast.opinionIfAccepted)} opinion; if not: ${words(forecast.opinion)} opinion (the criterion is ${words(forecast.status)} today)`;
}

function listText({ proposals, forecasts }: NotApplicableProposals): string {
  if (proposals.length === 0) return 'No criterion is proposed not applicable.\n';
  const forecastOf = new Map(forecasts.map((f) => [f.criterion, f]));
  return proposals
    .map((p) => {
      const decided = p.decidedBy ? `, ${p.status} by ${p.decidedBy}${p.decisionNote ? `: ${p.decisionNote}` : ''}` : '';
      const forecast = p.status === 'pending' ? forecastText(forecastOf.get(p.criterion)) : '';
      return `  ${p.criterion.padEnd(7)} ${p.status.padEnd(8)} ${p.reason} (proposed by ${p.proposedBy}${decided})${forecast}\n`;
    })
    .join('');
}
