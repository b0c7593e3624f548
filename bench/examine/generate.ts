/** Writes the synthetic examination as a workspace folder (DESIGN §4) for the examine benchmark. */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { syntheticExamination } from '../support/synthetic.js';

export interface GeneratedWorkspace {
  dir: string;
  controls: number;
  samples: number;
}

export async function generateWorkspace(dir: string, controls: number, samplesPerControl: number): Promise<GeneratedWorkspace> {
  const { engagement, controls: list, tests } = syntheticExamination(controls, samplesPerControl);
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'controls'), { recursive: true });
  await mkdir(join(dir, 'tests'), { recursive: true });
  await writeFile(
    join(dir, 'assay.yaml'),
    stringify({
      organization: engagement.organization,
      system: engagement.system,
      report: { type: engagement.reportType, periodStart: engagement.periodStart, periodEnd: engagement.periodEnd, categories: engagement.categories },
    }),
  );
  const writes: Promise<void>[] = [];
  list.forEach((control, i) => {
    const test = tests[i]!;
    const { compensates, ...rest } = control;
    writes.push(writeFile(join(dir, 'controls', `${control.id}.yaml`), stringify(compensates.length > 0 ? control : rest)));
    writes.push(
      writeFile(
        join(dir, 'tests', `${control.id}.yaml`),
        stringify({
          control: test.control,
          method: test.method,
          populationSize: test.populationSize,
          samples: test.samples.map((s) => (s.note === null ? { item: s.item, result: s.result } : s)),
        }),
      ),
    );
  });
  await Promise.all(writes);
  return { dir, controls, samples: tests.reduce((n, t) => n + t.samples.length, 0) };
}
