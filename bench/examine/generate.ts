/** Writes a large synthetic workspace for the examine benchmark: many controls, each with a tested sample. */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { CRITERIA, FREQUENCIES } from '../../src/domain/index.js';

export interface GeneratedWorkspace {
  dir: string;
  controls: number;
  samples: number;
}

/** A deterministic generator (no Math.random) so every run measures the same workspace. */
export async function generateWorkspace(dir: string, controls: number, samplesPerControl: number): Promise<GeneratedWorkspace> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'controls'), { recursive: true });
  await mkdir(join(dir, 'tests'), { recursive: true });
  const criteria = CRITERIA.filter((c) => c.category === 'security' || c.category === 'availability');
  await writeFile(
    join(dir, 'assay.yaml'),
    stringify({
      organization: 'Bench Corp',
      system: 'Bench Platform',
      report: { type: 'type2', periodStart: '2026-01-01', periodEnd: '2026-12-31', categories: ['security', 'availability'] },
    }),
  );
  let samples = 0;
  const writes: Promise<void>[] = [];
  for (let i = 0; i < controls; i++) {
    const id = `C-${String(i + 1).padStart(5, '0')}`;
    const addressed = [criteria[i % criteria.length]!.id, criteria[(i * 7 + 3) % criteria.length]!.id];
    const control = {
      id,
      title: `Synthetic control ${i + 1}`,
      criteria: [...new Set(addressed)],
      frequency: FREQUENCIES[i % FREQUENCIES.length],
      nature: i % 3 === 0 ? 'automated' : 'manual',
      key: i % 5 !== 0,
      ...(i % 50 === 1 ? { compensates: [`C-${String(i).padStart(5, '0')}`] } : {}),
      owner: `owner${i % 40}@bench.example`,
    };
    // One control in 25 has deviations: some within tolerance, some not.
    const failures = i % 25 === 0 ? 1 + (i % 4) : 0;
    const test = {
      control: id,
      method: 'inspection',
      populationSize: samplesPerControl * 4,
      samples: Array.from({ length: samplesPerControl }, (_, s) => ({
        item: `${id}-ITEM-${s + 1}`,
        result: s < failures ? 'fail' : 'pass',
        ...(s < failures ? { note: 'Evidence of approval missing' } : {}),
      })),
    };
    samples += samplesPerControl;
    writes.push(writeFile(join(dir, 'controls', `${id}.yaml`), stringify(control)));
    writes.push(writeFile(join(dir, 'tests', `${id}.yaml`), stringify(test)));
    if (writes.length > 200) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
  return { dir, controls, samples };
}
