import { describe, expect, it } from 'vitest';
import {
  mayTransition,
  parseRequestDays,
  requestDatesProblem,
  requestDueOn,
  requestOverdue,
  transitionDateProblem,
  transitionFields,
  transitionProblem,
} from '../../src/domain/requests';
import { requestStatuses } from '../../src/domain/vocabulary';

describe('the request state machine (SPEC §9)', () => {
  // Every (from, to) pair: the five allowed ones are the arrows open → accepted → resolved → closed and the two
  // reopenings; the other eleven (a state to itself included) are refused.
  const allowed = new Set(['open>accepted', 'accepted>resolved', 'resolved>closed', 'resolved>open', 'closed>open']);
  const pairs = requestStatuses.flatMap((from) => requestStatuses.map((to) => [from, to] as const));
  it('has 16 pairs, 5 of them allowed', () => {
    expect(pairs).toHaveLength(16);
    expect(new Set(pairs.filter(([f, t]) => mayTransition(f, t)).map(([f, t]) => `${f}>${t}`))).toEqual(allowed);
  });
  it.each(pairs)('%s → %s', (from, to) => {
    const ok = allowed.has(`${from}>${to}`);
    expect(mayTransition(from, to)).toBe(ok);
    expect(transitionProblem(from, to) === null).toBe(ok);
  });
  it.each([
    ['open', 'resolved', '诉求当前为“待受理”，不能办结（只能受理）'],
    ['accepted', 'open', '诉求当前为“已受理”，不能重新打开（只能办结）'],
    ['resolved', 'accepted', '诉求当前为“已办结”，不能受理（只能回访或重新打开）'],
    ['closed', 'closed', '诉求当前为“已回访”，不能回访（只能重新打开）'],
  ] as const)('refuses %s → %s in words: %s', (from, to, message) => {
    expect(transitionProblem(from, to)).toBe(message);
  });
});

describe('transitionFields', () => {
  it.each([
    ['accepted', { status: 'accepted' }], // only the state
    ['resolved', { status: 'resolved', resolvedOn: '2026-11-05', resolution: '已协调' }], // the last resolution
    ['closed', { status: 'closed', rating: 'basic', closedOn: '2026-11-05' }], // resolvedOn kept (not named)
    ['open', { status: 'open', resolvedOn: null, resolution: null, rating: null, closedOn: null }], // reopened: cleared
  ] as const)('%s writes %j', (to, fields) => {
    expect(transitionFields(to, '2026-11-05', '已协调', 'basic')).toEqual(fields);
  });
});

describe('dates', () => {
  it.each([
    ['2026-11-01', 30, '2026-12-01'], // 1 Nov + 30 days
    ['2026-11-01', null, '2026-11-16'], // unset: 15 days
    ['2024-02-20', 15, '2024-03-06'], // across a leap February: 20 Feb + 9 = 29 Feb, + 6 = 6 Mar
    ['2026-12-31', 1, '2027-01-01'],
  ] as const)('raised %s with %s days is due %s', (raised, days, due) => {
    expect(requestDueOn(raised, days)).toBe(due);
  });
  it.each([
    ['2026-11-05', '2026-11-05', '2026-11-22', null], // the same day as the last entry
    ['2026-11-04', '2026-11-05', '2026-11-22', '日期 2026-11-04 早于该诉求上一次办理的日期 2026-11-05'],
    ['2026-11-23', '2026-11-05', '2026-11-22', '日期 2026-11-23 晚于今天（2026-11-22）'],
  ] as const)('a transition on %s after %s, today %s: %s', (on, last, today, problem) => {
    expect(transitionDateProblem(on, last, today)).toBe(problem);
  });
  it.each([
    ['2026-11-01', '2026-11-01', null], // due the day it is raised
    ['2026-11-23', '2026-12-01', ['raisedOn', '提出日期 2026-11-23 晚于今天（2026-11-22）']],
    ['2026-11-10', '2026-11-09', ['dueOn', '办结时限 2026-11-09 早于提出日期 2026-11-10']],
  ] as const)('raised %s due %s: %j', (raised, due, problem) => {
    expect(requestDatesProblem(raised, due, '2026-11-22')).toEqual(problem);
  });
  it.each([
    ['open', '2026-11-16', '2026-11-17', true], // due yesterday
    ['accepted', '2026-11-16', '2026-11-17', true],
    ['open', '2026-11-16', '2026-11-16', false], // due today: not yet overdue
    ['resolved', '2026-11-01', '2026-11-17', false], // resolved late, but resolved
    ['closed', '2026-11-01', '2026-11-17', false],
  ] as const)('%s due %s is overdue as of %s: %s', (status, due, asOf, overdue) => {
    expect(requestOverdue(status, due, asOf)).toBe(overdue);
  });
  it.each([
    ['30', 30],
    ['1', 1],
    ['365', 365],
    ['0', null], // below the range
    ['366', null], // above it
    ['15.5', null],
    ['', null],
    [null, null],
  ] as const)('stored days %j read as %j', (stored, days) => {
    expect(parseRequestDays(stored)).toBe(days);
  });
});
