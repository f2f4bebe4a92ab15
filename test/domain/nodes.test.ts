import { describe, expect, it } from 'vitest';
import {
  nodeActual,
  nodeOnTime,
  nodeReplanned,
  nodeStatus,
  plannedFromSigning,
  type ReachedDates,
} from '../../src/domain/nodes';

const D = '2026-06-15';

describe('nodeStatus as of D = 2026-06-15', () => {
  it.each([
    // [planned, actual, h, status]
    ['2026-06-01', '2026-05-20', 14, 'done'], // actual ≤ D, early
    ['2026-06-01', '2026-06-15', 14, 'done'], // actual = D counts as done
    ['2026-06-01', '2026-06-16', 14, 'overdue'], // actual after D: not done as of D; planned < D
    ['2026-06-14', null, 14, 'overdue'], // planned the day before D
    ['2026-06-15', null, 14, 'due'], // planned = D: due, not yet late
    ['2026-06-29', null, 14, 'due'], // planned = D + 14: the horizon's last day
    ['2026-06-30', null, 14, 'open'], // D + 15: beyond the horizon
    ['2026-06-30', null, 15, 'due'], // a wider horizon takes it in
    ['2026-06-15', null, 0, 'due'], // h = 0: only D itself is due
    ['2026-06-16', null, 0, 'open'],
    ['2027-01-01', '2026-06-10', 14, 'done'], // done before plan
  ] as const)('planned %s, actual %s, h %d → %s', (planned, actual, h, status) => {
    expect(nodeStatus({ planned, actual }, D, h)).toBe(status);
  });

  it('takes h = 14 by default', () => {
    expect(nodeStatus({ planned: '2026-06-29', actual: null }, D)).toBe('due');
    expect(nodeStatus({ planned: '2026-06-30', actual: null }, D)).toBe('open');
  });
});

describe('nodeOnTime', () => {
  it.each([
    ['2026-06-01', '2026-06-01', true], // on the planned day
    ['2026-06-01', '2026-05-01', true], // early
    ['2026-06-01', '2026-06-02', false], // a day late
    ['2026-06-01', null, false], // not done
    ['2026-07-01', '2026-06-20', false], // done after D: not done as of D
  ] as const)('planned %s, actual %s → %s', (planned, actual, onTime) => {
    expect(nodeOnTime({ planned, actual }, D)).toBe(onTime);
  });
});

describe('plannedFromSigning and nodeReplanned', () => {
  it.each([
    ['2026-01-31', 30, '2026-03-02'], // Feb 2026 has 28 days: Jan 31 + 28 = Feb 28, + 2 = Mar 2
    ['2024-01-31', 30, '2024-03-01'], // 2024 is leap: Feb 29, then Mar 1
    ['2026-05-10', 0, '2026-05-10'],
    ['2026-05-10', 365, '2027-05-10'],
  ] as const)('signed %s + %d days → %s', (signed, offset, planned) => {
    expect(plannedFromSigning(signed, offset)).toBe(planned);
  });

  it('is re-planned when the plan in force left the baseline', () => {
    expect(nodeReplanned({ planned: '2026-07-01', baseline: '2026-06-01' })).toBe(true);
    expect(nodeReplanned({ planned: '2026-06-01', baseline: '2026-06-01' })).toBe(false);
  });
});

describe('nodeActual', () => {
  const reached: ReachedDates = {
    registered: '2026-03-01',
    started: '2026-06-20',
    completed: null,
    producing: null,
  };
  it.each([
    ['registered', null, '2026-03-01'], // a stage node reads the stage's reached date
    ['started', null, null], // reached after D: not yet as of D
    ['completed', null, null], // not reached
    [null, '2026-04-04', '2026-04-04'], // a task node has its own
    [null, '2026-06-16', null], // finished after D: not yet as of D
    [null, null, null],
  ] as const)('stage %s, own actual %s → %s', (stage, actual, expected) => {
    expect(nodeActual({ stage, actual }, reached, D)).toBe(expected);
  });
});
