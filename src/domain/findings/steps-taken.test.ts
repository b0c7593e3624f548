import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { FINDING_STATUSES, type StatusChange } from './model.js';
import { stepsTaken, type RecordedStep } from './steps-taken.js';

const change = (on: string, from: StatusChange['from'], to: StatusChange['to'], reason: string | null = null): StatusChange => ({ on, from, to, reason });

describe('who took each step', () => {
  it('names who took each step the log recorded, and no one for an imported step', () => {
    const history = [
      change('2026-03-01', null, 'open', 'Imported'),
      change('2026-03-02', 'open', 'analysing'),
      change('2026-07-01', 'analysing', 'open'),
      change('2026-07-02', 'open', 'analysing', 'Looking again'),
    ];
    const recorded: RecordedStep<string>[] = [
      { on: '2026-07-01', from: 'analysing', to: 'open', reason: null, by: 'ada' },
      { on: '2026-07-02', from: 'open', to: 'analysing', reason: 'Looking again', by: 'grace' },
    ];
    // The imported open → analysing of March is not the step of July that reads the same but for its day and reason.
    expect(stepsTaken(history, recorded).map((s) => s.by)).toEqual([null, null, 'ada', 'grace']);
  });

  it('matches a step whose event gives no day on its words, each recorded step once', () => {
    const history = [change('2026-06-30', 'closed', 'open', 'Back'), change('2026-06-30', 'closed', 'open', 'Back')];
    const recorded: RecordedStep<string>[] = [{ on: null, from: 'closed', to: 'open', reason: 'Back', by: 'sync' }];
    expect(stepsTaken(history, recorded).map((s) => s.by)).toEqual(['sync', null]);
  });

  const status = fc.constantFrom(...FINDING_STATUSES);
  const step = fc.record({ on: fc.constantFrom('2026-01-01', '2026-01-02'), from: fc.option(status), to: status, reason: fc.option(fc.constantFrom('a', 'b')) });

  test.prop([fc.array(step, { maxLength: 8 })])('gives every step of a history the log recorded whole to its own taker, in order', (history) => {
    const recorded = history.map((c, i) => ({ ...c, by: i }));
    expect(stepsTaken(history, recorded).map((s) => s.by)).toEqual(history.map((_, i) => i));
  });

  const logged = fc.record({ on: fc.option(fc.constantFrom('2026-01-01', '2026-01-02')), from: fc.option(status), to: status, reason: fc.option(fc.constantFrom('a', 'b')) });

  test.prop([fc.array(step, { maxLength: 8 }), fc.array(logged, { maxLength: 8 })])(
    'keeps the history as it is, and gives each change a recorded step of its own that matches it, later than the last given',
    (history, log) => {
      const recorded = log.map((r, i) => ({ ...r, by: i }));
      const taken = stepsTaken(history, recorded);
      expect(taken.map(({ by: _by, ...c }) => c)).toEqual(history);
      const given = taken.flatMap((s) => (s.by === null ? [] : [s.by]));
      for (let i = 1; i < given.length; i++) expect(given[i] as number).toBeGreaterThan(given[i - 1] as number);
      for (const s of taken) {
        const r = s.by === null ? null : recorded[s.by];
        if (r) expect([r.from, r.to, r.reason, r.on ?? s.on]).toEqual([s.from, s.to, s.reason, s.on]);
      }
    },
  );
});
