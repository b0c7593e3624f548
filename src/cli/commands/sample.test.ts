import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRICKY_POPULATION } from '../../domain/testing/population.js';
import { runCli } from '../testing.js';

async function population(csv: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'assay-pop-')), 'population.csv');
  await writeFile(file, csv);
  return file;
}

const rank = (seed: string, id: string) => createHash('sha256').update(`${seed}:${id}`).digest('hex');

describe('assay sample', () => {
  it('selects the first n items by the hex SHA-256 of seed:id, in rank order', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `T-${1000 + i}`);
    const file = await population(`ticket,closed\n${ids.map((id) => `${id},2026-02-01`).join('\n')}\n`);
    const { code, stdout } = await runCli('sample', '--population', file, '--id-column', 'ticket', '--size', '5', '--seed', 'q1-2026', '--format', 'json');
    expect(code).toBe(0);
    const expected = [...ids].sort((a, b) => (rank('q1-2026', a) < rank('q1-2026', b) ? -1 : 1)).slice(0, 5);
    expect(JSON.parse(stdout)).toMatchObject({ seed: 'q1-2026', populationSize: 30, items: expected });
  });

  it('sizes the sample from the frequency table when asked', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => `C-${i}`);
    const file = await population(`id\n${ids.join('\n')}\n`);
    const { stdout } = await runCli('sample', '--population', file, '--id-column', 'id', '--frequency', 'event', '--seed', 's', '--format', 'json');
    expect((JSON.parse(stdout) as { items: string[] }).items).toHaveLength(12);
  });

  it('refuses duplicate ids, naming both lines', async () => {
    const file = await population('id,owner\nA-1,x\nA-2,y\nA-1,z\n');
    const { code, stderr } = await runCli('sample', '--population', file, '--id-column', 'id', '--size', '2', '--seed', 's');
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}:4 (id): duplicate item id "A-1" (first at ${file}:2 (id))`);
  });

  it('refuses a missing id column, an empty id and a malformed row', async () => {
    const file = await population('ticket,owner\nA-1,x\n,y\n');
    const missing = await runCli('sample', '--population', file, '--id-column', 'id', '--size', '2', '--seed', 's');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`${file}:1: no column "id" (columns: ticket, owner)`);
    const empty = await runCli('sample', '--population', file, '--id-column', 'ticket', '--size', '2', '--seed', 's');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain(`${file}:3 (ticket): empty item id`);
    const ragged = await population('ticket\nA-1\nA-2,extra\n');
    const malformed = await runCli('sample', '--population', ragged, '--id-column', 'ticket', '--size', '2', '--seed', 's');
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain(`${ragged}:3: malformed CSV`);
  });

  it('selects from a tricky CSV (quotes, BOM, CRLF, empty lines, a quoted newline) the items the web selects', async () => {
    const { text, column, size, seed, selected, duplicate } = TRICKY_POPULATION;
    const file = await population(text);
    const cli = await runCli('sample', '--population', file, '--id-column', column, '--size', String(size), '--seed', seed, '--format', 'json');
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ populationSize: 4, items: selected });

    const refused = await runCli('sample', '--population', await population(duplicate), '--id-column', column, '--size', String(size), '--seed', seed);
    expect(refused.stderr).toMatch(/:10 \(ticket\): duplicate item id "T-3" \(first at .*:5 \(ticket\)\)/);

    const noColumn = await runCli('sample', '--population', file, '--id-column', 'id', '--size', String(size), '--seed', seed);
    expect(noColumn.code).toBe(2);
    expect(noColumn.stderr).toContain(`${file}:1: no column "id" (columns: name, ticket, closed)`);
  });

  it('refuses a population file that does not exist', async () => {
    const { code, stderr } = await runCli('sample', '--population', '/nonexistent.csv', '--id-column', 'id', '--size', '2', '--seed', 's');
    expect(code).toBe(2);
    expect(stderr).toContain('/nonexistent.csv: file not found');
  });
});

describe('assay sample-size', () => {
  it('gives the frequency-table size, capped by the population', async () => {
    expect((await runCli('sample-size', '--frequency', 'daily')).stdout).toBe('25\n');
    expect((await runCli('sample-size', '--frequency', 'daily', '--population', '12')).stdout).toBe('12\n');
    expect(JSON.parse((await runCli('sample-size', '--frequency', 'event', '--population', '300', '--format', 'json')).stdout)).toEqual({
      frequency: 'event',
      populationSize: 300,
      requiredSampleSize: 25,
    });
  });

  it('needs a population for an event-driven control', async () => {
    const { code, stderr } = await runCli('sample-size', '--frequency', 'event');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--population: an event-driven control is sized from its population/);
  });

  it('refuses a frequency that is not in the table', async () => {
    expect((await runCli('sample-size', '--frequency', 'hourly')).code).toBe(2);
  });
});
