import { describe, expect, it } from 'vitest';
import {
  alertCutoffs,
  alertDayDefaults,
  pendingAlert,
  projectAlerts,
  type ProjectClock,
} from '../../src/domain/alerts';
import {
  board,
  evaluateTarget,
  monthWindow,
  periodActual,
  periodFigures,
  rankWithinPeers,
  schedule,
  score,
  yearToDate,
  type PeriodAggregates,
} from '../../src/domain/assessment';
import { chainMap, type ChainCell } from '../../src/domain/chains';
import { fixed, Fraction } from '../../src/domain/fraction';

const f = (n: number, d = 1) => Fraction.of(n, d);

describe('yearToDate: [Y-01-01, min(D, Y-12-31)]; null (a 400) when D is before the year', () => {
  it.each([
    [2024, '2024-06-30', { from: '2024-01-01', to: '2024-06-30' }],
    [2024, '2024-01-01', { from: '2024-01-01', to: '2024-01-01' }], // the first day: a one-day window
    [2024, '2024-12-31', { from: '2024-01-01', to: '2024-12-31' }],
    [2024, '2025-02-01', { from: '2024-01-01', to: '2024-12-31' }], // a past year ends on its last day
    [2024, '2023-12-31', null], // before the year
  ] as const)('%i as of %s → %j', (year, asOf, expected) => {
    expect(yearToDate(year, asOf)).toEqual(expected);
  });
});

describe('monthWindow: YYYY-MM → [first day, last day]', () => {
  it.each([
    ['2024-02', { from: '2024-02-01', to: '2024-02-29' }], // leap year
    ['2023-02', { from: '2023-02-01', to: '2023-02-28' }],
    ['2100-02', { from: '2100-02-01', to: '2100-02-28' }], // divisible by 100, not by 400: common
    ['2000-02', { from: '2000-02-01', to: '2000-02-29' }], // divisible by 400: leap
    ['2024-04', { from: '2024-04-01', to: '2024-04-30' }],
    ['2024-12', { from: '2024-12-01', to: '2024-12-31' }], // the year's last month
    ['2024-01', { from: '2024-01-01', to: '2024-01-31' }],
    ['2024-13', null],
    ['2024-00', null],
    ['2024-2', null],
    ['2024-02-01', null],
    ['', null],
  ] as const)('%j → %j', (month, expected) => {
    expect(monthWindow(month)).toEqual(expected);
  });
});

describe('schedule (序时进度): days from Y-01-01 to D inclusive / days in Y; 1 past the year', () => {
  it.each([
    [2024, '2024-06-30', '0.4973'], // SPEC §7: 31+29+31+30+31+30 = 182 / 366 = 0.49726…
    [2023, '2023-06-30', '0.4959'], // 31+28+31+30+31+30 = 181 / 365 = 0.49589…
    [2024, '2024-07-01', '0.5000'], // 183 / 366 exactly one half
    [2024, '2024-05-01', '0.3333'], // 31+29+31+30+1 = 122 / 366 = 1/3
    [2024, '2024-01-01', '0.0027'], // 1 / 366 = 0.00273…
    [2023, '2023-01-01', '0.0027'], // 1 / 365 = 0.00274…
    [2024, '2024-02-29', '0.1639'], // 31 + 29 = 60 / 366 = 0.16393…
    [2023, '2023-03-01', '0.1644'], // 31 + 28 + 1 = 60 / 365 = 0.16438…
    [2100, '2100-03-01', '0.1644'], // 2100 is common: 60 / 365
    [2000, '2000-03-01', '0.1667'], // 2000 is leap: 31 + 29 + 1 = 61 / 366 = 0.16666…
    [2024, '2024-12-31', '1.0000'], // 366 / 366
    [2024, '2024-12-30', '0.9973'], // 365 / 366 = 0.99726…
    [2024, '2025-03-01', '1.0000'], // past the year
    [2024, '2023-12-31', '0.0000'], // before the year (the route answers 400 first)
  ] as const)('%i as of %s → %s', (year, asOf, expected) => {
    expect(schedule(year, asOf).toFixed4()).toBe(expected);
  });

  it('is exact: 2024-05-01 is one third, 2024-07-01 one half', () => {
    expect(schedule(2024, '2024-05-01').cmp(f(1, 3))).toBe(0);
    expect(schedule(2024, '2024-07-01').cmp(f(1, 2))).toBe(0);
  });
});

const aggregates: PeriodAggregates = {
  newLeads: 5,
  signed: 3,
  signedPlanned: '85000000000', // 8.5亿元 in fen
  bigSigned: 2,
  started: 1,
  producing: 0,
  arrived: 15000000001, // 150000000.01 元
  outbound: 4,
  topLed: 2,
  visits: 7,
  requestsResolved: 9,
};

describe('periodFigures and periodActual', () => {
  it('counts stay integers, fen become 元 (API.md example)', () => {
    expect(periodFigures(aggregates)).toEqual({
      newLeads: 5,
      signed: 3,
      signedPlanned: '850000000.00',
      bigSigned: 2,
      started: 1,
      producing: 0,
      arrived: '150000000.01',
      outbound: 4,
      topLed: 2,
      visits: 7,
      requestsResolved: 9,
    });
  });

  it.each([
    ['signed', '3.0000'], // a count
    ['signedPlanned', '850000000.0000'], // 85000000000 fen / 100
    ['arrived', '150000000.0100'], // 15000000001 fen / 100, exact
    ['requestsResolved', '9.0000'], // a count of the service loop
  ] as const)('%s in its target unit → %s', (metric, expected) => {
    expect(periodActual(metric, aggregates).toFixed4()).toBe(expected);
  });
});

describe('evaluateTarget: completion = actual / value, ahead = completion − schedule', () => {
  const mid2024 = schedule(2024, '2024-06-30'); // 182/366
  it.each([
    ['API.md: 3 signed of 10', f(3), '10', mid2024, '0.3000', '-0.1973'], // 0.3 − 0.49726… = −0.19726…
    ['ahead of schedule', f(6), '10', mid2024, '0.6000', '0.1027'], // 0.6 − 0.49726… = 0.10273…
    ['over-fulfilled: completion not capped here', f(15), '10', mid2024, '1.5000', '1.0027'], // 1.5 − 0.49726…
    ['nothing done yet', f(0), '5', mid2024, '0.0000', '-0.4973'],
    [
      'money target in 元 against fen',
      periodActual('signedPlanned', aggregates),
      '1700000000',
      mid2024,
      '0.5000',
      '0.0027',
    ], // 8.5亿 / 17亿; 0.5 − 0.49726…
    ['SPEC §7 negative rounding: −0.12345 → "-0.1235"', f(87655), '100000', f(1), '0.8766', '-0.1235'], // 0.87655 − 1
    ['a tiny shortfall prints unsigned zero', f(49999), '100000', schedule(2024, '2024-07-01'), '0.5000', '0.0000'], // 0.49999 − 183/366 = −0.00001
    ['decimal target value', f(1), '0.4', f(1), '2.5000', '1.5000'], // 1 / 0.4
  ] as const)('%s', (_name, actual, value, scheduled, completion, ahead) => {
    const t = evaluateTarget(actual, value, scheduled);
    expect([fixed(t.completion), fixed(t.ahead)]).toEqual([completion, ahead]);
  });

  it('a zero target has no completion and no ahead', () => {
    expect(evaluateTarget(f(3), '0', mid2024)).toEqual({ completion: null, ahead: null });
    expect(evaluateTarget(f(0), '0.00', mid2024)).toEqual({ completion: null, ahead: null });
  });
});

describe('score (擂台赛): Σ weight × min(completion, 1.2) / Σ weight over counted targets', () => {
  const t = (completion: Fraction | null, weight: string) => ({ completion, weight });
  it.each([
    ['one target', [t(f(3, 10), '1')], '0.3000'],
    ['cap at 1.2', [t(f(3, 2), '1'), t(f(2, 5), '1')], '0.8000'], // (min(1.5, 1.2) + 0.4) / 2
    ['exactly at the cap', [t(f(6, 5), '1')], '1.2000'],
    ['weights', [t(f(3, 10), '2'), t(f(9, 10), '1')], '0.5000'], // (2 × 0.3 + 1 × 0.9) / 3
    ['decimal weights', [t(f(1, 2), '0.5'), t(f(1), '1.5')], '0.8750'], // (0.25 + 1.5) / 2
    ['zero weight left out', [t(f(3, 10), '1'), t(f(1), '0')], '0.3000'], // the weight-0 target counts for nothing
    ['null completion (zero target) left out', [t(f(3, 10), '1'), t(null, '1')], '0.3000'],
    ['zero completion counts', [t(f(0), '1'), t(f(1), '1')], '0.5000'], // (0 + 1) / 2
    ['all weights zero → null', [t(f(1), '0'), t(f(1, 2), '0.0')], null],
    ['only zero targets → null', [t(null, '1')], null],
    ['no targets → null', [], null],
  ] as const)('%s → %s', (_name, targets, expected) => {
    expect(fixed(score(targets))).toBe(expected);
  });

  it('is exact: completions 1/6 and 1/2 score exactly 1/3', () => {
    expect(score([t(f(1, 6), '1'), t(f(1, 2), '1')])?.cmp(f(1, 3))).toBe(0);
  });
});

describe('board: red when score ≥ schedule, black when score < 0.8 × schedule (exact values)', () => {
  const s = schedule(2024, '2024-06-30'); // 182/366 = 0.497267…; 0.8 × = 0.397814…
  it.each([
    ['API.md: 0.3 → black', f(3, 10), 'black'],
    ['exactly the schedule → red', f(182, 366), 'red'],
    ['0.4973 > 0.497267… → red', f(4973, 10000), 'red'],
    ['0.4972 < 0.497267… → neither (although both print 0.4972/0.4973)', f(4972, 10000), null],
    ['exactly 0.8 × schedule = 364/915 → neither', f(364, 915), null],
    ['just under 0.8 × schedule → black', f(364, 915).minus(f(1, 10 ** 12)), 'black'],
    ['0.3978 < 0.397814… → black (it prints as 0.8 × 0.4973 = 0.3978)', f(3978, 10000), 'black'],
    ['above everything → red', f(6, 5), 'red'],
    ['no score → no board', null, null],
  ] as const)('%s', (_name, sc, expected) => {
    expect(board(sc, s)).toBe(expected);
  });

  it('past the year the schedule is 1: red from 1, black under 0.8', () => {
    expect([board(f(1), f(1)), board(f(99, 100), f(1)), board(f(4, 5), f(1)), board(f(79, 100), f(1))]).toEqual([
      'red',
      null,
      null,
      'black',
    ]);
  });
});

describe('rankWithinPeers: by score within each peer group; equal scores share a rank; ties by code, then id', () => {
  const u = (id: number, code: string | null, peerGroup: string | null, sc: Fraction | null) => ({
    id,
    code,
    peerGroup,
    score: sc,
  });
  const pick = (xs: { id: number; rank: number | null }[]) => xs.map((x) => [x.id, x.rank]);

  it('shared ranks 1, 1, 3; the unscored unit listed last, unranked', () => {
    const units = [
      u(1, '340207', 'A', f(4, 5)),
      u(2, '340202', 'A', f(4, 5)), // ties with 1: listed first by code
      u(3, '340203', 'A', f(1, 2)),
      u(4, '340201', 'A', null),
    ];
    expect(pick(rankWithinPeers(units))).toEqual([
      [2, 1],
      [1, 1],
      [3, 3],
      [4, null],
    ]);
  });

  it('equal exact scores tie even when computed from different targets', () => {
    const a = score([{ completion: f(1, 3), weight: '1' }]);
    const b = score([
      { completion: f(1, 6), weight: '1' },
      { completion: f(1, 2), weight: '1' },
    ]); // also 1/3
    expect(pick(rankWithinPeers([u(1, '2', 'A', a), u(2, '1', 'A', b), u(3, '3', 'A', f(1, 4))]))).toEqual([
      [2, 1],
      [1, 1],
      [3, 3],
    ]);
  });

  it('a tie broken by id when the codes are equal or missing; missing codes after present ones', () => {
    const units = [u(9, null, 'A', f(1)), u(7, null, 'A', f(1)), u(8, '1', 'A', f(1)), u(5, '1', 'A', f(1))];
    expect(pick(rankWithinPeers(units))).toEqual([
      [5, 1],
      [8, 1],
      [7, 1],
      [9, 1],
    ]);
  });

  it('groups ranked apart, in name order; units without a group listed last, unranked', () => {
    const units = [
      u(1, '1', 'B', f(1, 2)),
      u(2, '2', null, f(1)),
      u(3, '3', 'A', f(1, 5)),
      u(4, '4', 'B', f(3, 4)),
      u(5, '5', 'A', f(2, 5)),
      u(6, '6', 'A', f(2, 5)),
      u(7, '7', 'A', f(1, 10)),
    ];
    // A: 5 and 6 share 1, then 3 is third (not second), then 7 fourth; B: 4 first, 1 second
    expect(pick(rankWithinPeers(units))).toEqual([
      [5, 1],
      [6, 1],
      [3, 3],
      [7, 4],
      [4, 1],
      [1, 2],
      [2, null],
    ]);
  });

  it('keeps each unit\u2019s own fields', () => {
    const [ranked] = rankWithinPeers([{ ...u(1, '1', 'A', f(1)), name: '鸠江区' }]);
    expect(ranked).toMatchObject({ id: 1, name: '鸠江区', rank: 1 });
  });
});

describe('alerts: cut-offs and the clock of each kind', () => {
  const D = '2025-06-30';

  it('cut-offs D − 180 / 730 / 90 / 14 days', () => {
    expect(alertCutoffs(D)).toEqual({
      signed_not_started: '2025-01-01', // Jan 1 → Jun 30: 31+28+31+30+31+29 = 180
      started_not_completed: '2023-07-01', // 2023-07-01 → 2024-06-30 is 365 (Feb 29 inside), → 2025-06-30 another 365
      stale: '2025-04-01', // Apr 1 → Jun 30: 29 + 31 + 30 = 90
      pending_review: '2025-06-16', // 30 − 14
      node_overdue: '2025-06-29', // planned + 0 < D: planned on or before D − 1
      request_overdue: '2025-06-29', // due before D
      no_liaison: '2025-06-30', // signed by D
    });
    expect(
      alertCutoffs(D, {
        ...alertDayDefaults,
        signed_not_started: 30,
        started_not_completed: 1,
        stale: 0,
        pending_review: 365,
        node_overdue: 3,
      }),
    ).toEqual({
      signed_not_started: '2025-05-31',
      started_not_completed: '2025-06-29',
      stale: '2025-06-30',
      pending_review: '2024-06-30',
      node_overdue: '2025-06-26', // planned + 3 < 06-30: planned ≤ 06-26
      request_overdue: '2025-06-29',
      no_liaison: '2025-06-30',
    });
  });

  const project = (
    p: Partial<Omit<ProjectClock, 'reached'>> & { reached?: Partial<ProjectClock['reached']> },
  ): ProjectClock => ({
    reportedOn: '2025-06-01',
    droppedOn: null,
    milestoneDates: [],
    arrivalDates: [],
    ...p,
    reached: { signed: null, started: null, completed: null, producing: null, ...p.reached },
  });

  it.each([
    [
      'signed exactly 180 days ago, nothing since: 签约未开工 and 长期无进展',
      project({ reportedOn: '2024-10-01', reached: { signed: '2025-01-01' }, milestoneDates: ['2025-01-01'] }),
      [
        { kind: 'signed_not_started', since: '2025-01-01', days: 180 },
        { kind: 'stale', since: '2025-01-01', days: 180 }, // latest of reported 2024-10-01 and milestone 2025-01-01
      ],
    ],
    [
      'signed 179 days ago: not yet',
      project({ reached: { signed: '2025-01-02' }, milestoneDates: ['2025-01-02'], arrivalDates: ['2025-06-01'] }),
      [],
    ],
    [
      'signed long ago but started by D: no 签约未开工',
      project({
        reached: { signed: '2024-01-01', started: '2025-06-30' },
        milestoneDates: ['2024-01-01', '2025-06-30'],
      }),
      [],
    ],
    [
      'started after D does not count as started',
      project({
        reached: { signed: '2024-12-01', started: '2025-07-01' },
        milestoneDates: ['2024-12-01', '2025-07-01'],
        arrivalDates: ['2025-06-20'],
      }),
      [{ kind: 'signed_not_started', since: '2024-12-01', days: 211 }], // 2024-12-01 → 2025-06-30: 30 + 181 = 211
    ],
    [
      'dropped by D: no alert at all',
      project({ reportedOn: '2020-01-01', reached: { signed: '2020-02-01' }, droppedOn: '2025-06-30' }),
      [],
    ],
    [
      'dropped after D still alerts',
      project({
        reportedOn: '2024-01-01',
        reached: { signed: '2024-03-01' },
        droppedOn: '2025-07-01',
        milestoneDates: ['2024-03-01', '2025-07-01'],
      }),
      [
        { kind: 'signed_not_started', since: '2024-03-01', days: 486 }, // 2024-03-01 → 2025-03-01: 365, → 06-30: 121
        { kind: 'stale', since: '2024-03-01', days: 486 }, // the drop is after D, so the signing is the latest activity
      ],
    ],
    [
      'started exactly 730 days ago, not completed: 开工未竣工',
      project({
        reportedOn: '2023-01-01',
        reached: { signed: '2023-05-01', started: '2023-07-01' },
        milestoneDates: ['2023-05-01', '2023-07-01'],
        arrivalDates: ['2025-05-01'],
      }),
      [{ kind: 'started_not_completed', since: '2023-07-01', days: 730 }],
    ],
    [
      'started 729 days ago: not yet',
      project({ reached: { signed: '2023-05-01', started: '2023-07-02' }, arrivalDates: ['2025-05-01'] }),
      [],
    ],
    [
      'completed by D: no 开工未竣工',
      project({
        reached: { signed: '2022-01-01', started: '2022-02-01', completed: '2025-06-01' },
        milestoneDates: ['2025-06-01'],
      }),
      [],
    ],
    [
      'producing by D: never stale',
      project({
        reportedOn: '2020-01-01',
        reached: { signed: '2020-02-01', started: '2020-03-01', completed: '2020-04-01', producing: '2020-05-01' },
      }),
      [],
    ],
    [
      'stale exactly 90 days: reported on the cut-off, nothing since',
      project({ reportedOn: '2025-04-01' }),
      [{ kind: 'stale', since: '2025-04-01', days: 90 }],
    ],
    ['89 days: not stale', project({ reportedOn: '2025-04-02' }), []],
    ['an arrival keeps it alive', project({ reportedOn: '2024-01-01', arrivalDates: ['2025-04-02'] }), []],
    [
      'activity after D is not seen',
      project({ reportedOn: '2024-01-01', milestoneDates: ['2025-07-01'], arrivalDates: ['2025-08-01'] }),
      [{ kind: 'stale', since: '2024-01-01', days: 546 }], // 2024-01-01 → 2025-01-01: 366, → 06-30: 180
    ],
    ['reported after D: not a project yet', project({ reportedOn: '2025-07-01' }), []],
  ] as const)('%s', (_name, p, expected) => {
    expect(projectAlerts(p, D)).toEqual(expected);
  });

  it('a request may pass other day counts', () => {
    const p = project({ reportedOn: '2025-05-01', reached: { signed: '2025-05-31' }, milestoneDates: ['2025-05-31'] });
    expect(projectAlerts(p, D)).toEqual([]);
    expect(projectAlerts(p, D, { ...alertDayDefaults, signed_not_started: 30, stale: 30 })).toEqual([
      { kind: 'signed_not_started', since: '2025-05-31', days: 30 },
      { kind: 'stale', since: '2025-05-31', days: 30 },
    ]);
  });

  it.each([
    ['2025-06-16', { kind: 'pending_review', since: '2025-06-16', days: 14 }], // exactly 14 days
    ['2025-01-01', { kind: 'pending_review', since: '2025-01-01', days: 180 }],
    ['2025-06-17', null], // 13 days
  ] as const)('pending since %s → %j', (since, expected) => {
    expect(pendingAlert(since, D)).toEqual(expected);
  });
});

describe('chainMap: key chains and named chains × links, gaps only for key chains', () => {
  const cell = (c: Partial<ChainCell> & Pick<ChainCell, 'chain' | 'node'>): ChainCell => ({
    landed: 0,
    pipeline: 0,
    plannedFen: 0,
    arrivedFen: 0,
    actions: {},
    ...c,
  });
  const node = (
    n: string,
    landed: number,
    pipeline: number,
    planned: string,
    arrived: string,
    actions: [number, number, number],
    gap: boolean,
  ) => ({
    node: n,
    landed,
    pipeline,
    planned,
    arrived,
    actions: { fill: actions[0], extend: actions[1], strengthen: actions[2] },
    gap,
  });

  it('assembles the grid', () => {
    const cells = [
      cell({
        chain: '文化创意',
        node: 'midstream',
        landed: 1,
        plannedFen: 5000000000,
        arrivedFen: 100,
        actions: { extend: 1 },
      }),
      cell({
        chain: '新能源汽车',
        node: 'upstream',
        landed: 2,
        pipeline: 1,
        plannedFen: '30000000000',
        arrivedFen: '6000000000',
        actions: { fill: 2 },
      }),
      // a second row for the same link (e.g. grouped by action in SQL) adds up
      cell({
        chain: '新能源汽车',
        node: 'upstream',
        landed: 1,
        plannedFen: '8000000000',
        arrivedFen: '2000000001',
        actions: { strengthen: 1 },
      }),
      // a project naming no link, since dropped: listed under unspecified, never a gap
      cell({ chain: '新能源汽车', node: null }),
      cell({ chain: '智能家电', node: 'downstream', pipeline: 1 }),
    ];
    expect(
      chainMap(
        [
          { name: '新能源汽车', leader: '张副区长' },
          { name: '人工智能', leader: null },
        ],
        cells,
      ),
    ).toEqual([
      {
        chain: '新能源汽车',
        key: true,
        leader: '张副区长',
        nodes: [
          node('upstream', 3, 1, '380000000.00', '80000000.01', [2, 0, 1], false), // 2+1 landed; 300 + 80 (百万)
          node('midstream', 0, 0, '0.00', '0.00', [0, 0, 0], true), // key chain, nothing here: 缺链
          node('downstream', 0, 0, '0.00', '0.00', [0, 0, 0], true),
          node('unspecified', 0, 0, '0.00', '0.00', [0, 0, 0], false),
        ],
      },
      {
        chain: '人工智能', // a key chain no project names: every link a gap, no unspecified
        key: true,
        leader: null,
        nodes: [
          node('upstream', 0, 0, '0.00', '0.00', [0, 0, 0], true),
          node('midstream', 0, 0, '0.00', '0.00', [0, 0, 0], true),
          node('downstream', 0, 0, '0.00', '0.00', [0, 0, 0], true),
        ],
      },
      {
        chain: '文化创意', // other chains by name, never gaps
        key: false,
        leader: null,
        nodes: [
          node('upstream', 0, 0, '0.00', '0.00', [0, 0, 0], false),
          node('midstream', 1, 0, '50000000.00', '1.00', [0, 1, 0], false),
          node('downstream', 0, 0, '0.00', '0.00', [0, 0, 0], false),
        ],
      },
      {
        chain: '智能家电',
        key: false,
        leader: null,
        nodes: [
          node('upstream', 0, 0, '0.00', '0.00', [0, 0, 0], false),
          node('midstream', 0, 0, '0.00', '0.00', [0, 0, 0], false),
          node('downstream', 0, 1, '0.00', '0.00', [0, 0, 0], false),
        ],
      },
    ]);
  });

  it('no key chains and no projects: an empty map', () => {
    expect(chainMap([], [])).toEqual([]);
  });
});
