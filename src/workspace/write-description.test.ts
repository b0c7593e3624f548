import { describe, expect, it } from 'vitest';
import { buildDescription } from '../domain/description/testing.js';
import { buildExamination } from '../domain/testing/builders.js';
import { parseDescription } from './description-schema.js';
import { renderDescription } from './write-description.js';

describe('description.yaml written', () => {
  const examination = buildExamination();

  it('reads back as the description it was written from, sections left empty included', () => {
    const description = buildDescription({
      services: `${'A long account of the services, written as people write it. '.repeat(4)}\nWith a second paragraph.`,
      commitments: [],
      components: { ...buildDescription().components, people: '' },
      incidents: [
        { finding: 'F-7', date: '2026-03-02', text: 'The ingestion pipeline lost a day of data' },
        { finding: null, date: null, text: 'A phishing campaign, contained the same day' },
      ],
      changes: ['The pipeline moved to a streaming service: in March'],
      subserviceOrganizations: [
        ...buildDescription().subserviceOrganizations,
        { name: 'Payroll Co', services: 'Payroll', method: 'inclusive', csocs: [] },
      ],
    });
    const { path, text } = renderDescription(description);
    expect(path).toBe('description.yaml');
    expect(text).not.toMatch(/commitments|people:|csocs: \[\]/);
    expect(parseDescription(path, text, examination, new Set(['F-7']))).toEqual(description);
  });

  it('writes an empty description as an empty mapping, which reads back as empty', () => {
    const empty = buildDescription({
      services: '',
      commitments: [],
      components: { infrastructure: '', software: '', people: '', procedures: '', data: '' },
      subserviceOrganizations: [],
      userEntityControls: [],
    });
    const { path, text } = renderDescription(empty);
    expect(text).toBe('{}\n');
    expect(parseDescription(path, text, examination, new Set())).toEqual(empty);
  });
});
