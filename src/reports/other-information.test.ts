import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { ManagementResponse } from '../domain/index.js';
import { buildFinding } from '../domain/findings/testing.js';
import { examineWorkspace } from '../cli/commands/examine.js';
import { runCli } from '../cli/testing.js';
import { renderExaminationMarkdown } from './examination-markdown.js';
import { renderOtherInformation, renderOtherInformationDocument, responsesByStatus } from './other-information.js';

const ACME = join(import.meta.dirname, '../../examples/acme');

type Response = Pick<ManagementResponse, 'finding' | 'status' | 'whatHappened' | 'rootCause' | 'correctiveAction' | 'remediatedOn'>;

const response = (finding: string, status: ManagementResponse['status'], overrides: Partial<Response> = {}): Response => ({
  finding,
  status,
  whatHappened: `What happened at ${finding}.`,
  rootCause: `The cause of ${finding}.`,
  correctiveAction: `The fix of ${finding}.`,
  remediatedOn: null,
  ...overrides,
});

describe('renderOtherInformation', () => {
  const findings = [
    buildFinding({ code: 'F-AC-04', title: 'Late deprovisioning', control: 'AC-04', criteria: ['CC6.2', 'CC6.3'] }),
    buildFinding({ code: 'F-AC-06', title: 'Incomplete access review', control: 'AC-06', criteria: ['CC6.3'] }),
    buildFinding({ code: 'F-GAP-CC9.1', title: 'Nothing addresses CC9.1', control: null, criteria: ['CC9.1'] }),
  ];

  it('gives each approved response under its finding: code, title, control, criteria, then the four parts', () => {
    const text = renderOtherInformation({
      findings,
      responses: [response('F-AC-06', 'approved', { remediatedOn: '2026-07-15' }), response('F-AC-04', 'draft'), response('F-GAP-CC9.1', 'approved')],
    });
    expect(text).toBe(
      [
        "## Other information: management's responses to exceptions",
        '',
        "Management's own account of each exception, its cause and what was done about it; the service auditor's opinion does not cover it.",
        '',
        '### F-AC-06: Incomplete access review',
        '',
        'Control AC-06; criteria CC6.3.',
        '',
        '**What happened.** What happened at F-AC-06.',
        '',
        '**Root cause.** The cause of F-AC-06.',
        '',
        '**Corrective action.** The fix of F-AC-06.',
        '',
        '**Date remediated.** 2026-07-15',
        '',
        '### F-GAP-CC9.1: Nothing addresses CC9.1',
        '',
        'No control addresses it; criteria CC9.1.',
        '',
        '**What happened.** What happened at F-GAP-CC9.1.',
        '',
        '**Root cause.** The cause of F-GAP-CC9.1.',
        '',
        '**Corrective action.** The fix of F-GAP-CC9.1.',
        '',
        '**Date remediated.** Not remediated yet.',
        '',
        '_One response is a draft awaiting approval, not included: F-AC-04._',
        '',
      ].join('\n'),
    );
  });

  it('says when none is approved, counts the drafts, and keeps a line of management text from opening a heading', () => {
    const none = renderOtherInformation({ findings, responses: [response('F-AC-04', 'draft'), response('F-AC-06', 'draft')] });
    expect(none).toContain('No management response has been approved yet.');
    expect(none).toContain('_2 responses are drafts awaiting approval, not included: F-AC-04, F-AC-06._');
    expect(none).not.toContain('###');

    const headed = renderOtherInformation({ findings, responses: [response('F-AC-04', 'approved', { whatHappened: 'First.\n\n# Not a heading\n  ## Nor this' })] });
    expect(headed).toContain('**What happened.** First.\n\n\\# Not a heading\n  \\## Nor this\n');
    expect(headed.match(/^#{1,3} /gm)).toEqual(['## ', '### ']);
  });

  it('leaves out a false positive, approved response or not: it was no exception', () => {
    const withFalsePositive = [...findings, buildFinding({ code: 'F-9', title: 'Not an exception after all', status: 'false_positive' })];
    const responses = [response('F-AC-04', 'approved'), response('F-9', 'approved')];
    const text = renderOtherInformation({ findings: withFalsePositive, responses });
    expect(text).toContain('### F-AC-04: Late deprovisioning');
    expect(text).not.toContain('F-9');
    expect(responsesByStatus({ findings: withFalsePositive, responses })).toEqual({ approved: ['F-AC-04'], drafts: [] });
  });

  it('makes a document of its own with the system and the period', () => {
    const header = { organization: 'Acme Cloud, Inc.', system: 'Acme Analytics Platform', reportType: 'type2' as const, periodStart: '2026-01-01', periodEnd: '2026-06-30' };
    const text = renderOtherInformationDocument(header, { findings, responses: [] });
    expect(text.startsWith('# Acme Cloud, Inc.: Acme Analytics Platform\n\nSOC 2 Type 2, 2026-01-01 to 2026-06-30.\n\n## Other information')).toBe(true);
  });

  const statuses = fc.array(fc.constantFrom('approved', 'draft', 'none'), { minLength: 1, maxLength: 12 });
  prop.prop([statuses])('gives exactly the approved responses, in the findings’ order, and never a draft’s text', (chosen) => {
    const many = chosen.map((_, i) => buildFinding({ code: `F-${i + 1}`, title: `Finding ${i + 1}` }));
    const responses = chosen.flatMap((status, i) => (status === 'none' ? [] : [response(`F-${i + 1}`, status)]));
    const text = renderOtherInformation({ findings: many, responses });
    const approved = chosen.flatMap((s, i) => (s === 'approved' ? [`F-${i + 1}`] : []));
    const drafts = chosen.flatMap((s, i) => (s === 'draft' ? [`F-${i + 1}`] : []));
    expect(responsesByStatus({ findings: many, responses })).toEqual({ approved, drafts });
    expect([...text.matchAll(/^### (F-\d+):/gm)].map((m) => m[1])).toEqual(approved);
    for (const code of drafts) expect(text).not.toContain(`What happened at ${code}.`);
    expect(text.includes('awaiting approval')).toBe(drafts.length > 0);
  });
});

describe('assay examine --format markdown', () => {
  it('appends the section of the approved responses to the demo, leaving out the draft', async () => {
    const { code, stdout } = await runCli('examine', ACME, '--format', 'markdown');
    expect(code).toBe(0);
    const [forecast, section] = stdout.split("\n## Other information: management's responses to exceptions\n");
    expect(forecast).toBe(renderExaminationMarkdown((await examineWorkspace(ACME)).result));
    expect(section).toContain('### F-AC-06: The Q1 access review left out AWS production and Snowflake\n\nControl AC-06; criteria CC6.3.\n');
    expect(section).toContain('**Date remediated.** 2026-07-15');
    expect(section).not.toContain('### F-AC-04');
    expect(section).toContain('_One response is a draft awaiting approval, not included: F-AC-04._');
  });

  it('prints the forecast alone when no response is approved, and refuses a broken finding file with exit 2', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'assay-other-')), 'acme');
    try {
      await cp(ACME, dir, { recursive: true });
      await rm(join(dir, 'findings/f-ac-06.yaml'));
      const { code, stdout } = await runCli('examine', dir, '--format', 'markdown');
      expect(code).toBe(0);
      expect(stdout).toBe(renderExaminationMarkdown((await examineWorkspace(dir)).result));

      await cp(join(ACME, 'findings/f-ac-06.yaml'), join(dir, 'findings/f-ac-06.yaml'));
      const file = join(dir, 'findings/f-ac-06.yaml');
      await writeFile(file, (await readFile(file, 'utf8')).replace('approvedBy: admin@acme.example', 'approvedBy: COMPLIANCE@acme.example'));
      const refused = await runCli('examine', dir, '--format', 'markdown');
      expect(refused.code).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(/findings\/f-ac-06\.yaml:\d+: COMPLIANCE@acme\.example last edited it: someone else must approve it \(four eyes\)/);
    } finally {
      await rm(dirname(dir), { recursive: true, force: true });
    }
  });
});
