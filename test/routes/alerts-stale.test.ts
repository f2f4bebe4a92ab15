// 长期无进展 (stale) is read with short-cuts: projects with a report, a reached stage or a last arrival after the
// cut-off are ruled out before any look-up, and the arrival summary replaces the arrivals look-up where it can.
// Held here to the plain definition (the latest of report, current milestones and arrivals by D is ≤ D − days),
// computed in JS from the tables, on many dates and day counts.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates';
import { buildAssessmentScenario } from '../assessment-scenario';
import { testApp } from '../helpers';

describe('stale alerts', () => {
  it('are exactly the live, not producing projects whose latest activity by D is at least `staleDays` old', async () => {
    const t = await testApp();
    await buildAssessmentScenario(t);
    // Arrivals before, at and after cut-offs, on projects in every state.
    const projects = t.sqlite
      .prepare(`select id, signed_on as signedOn from projects where status = 'confirmed' and signed_on is not null`)
      .all() as { id: number; signedOn: string }[];
    for (const [i, p] of projects.entries()) {
      for (const k of [0, 1, 2].slice(0, (i % 3) + 1))
        await t.create(`/api/projects/${p.id}/arrivals`, {
          amount: '100.00',
          arrivedOn: addDays(p.signedOn, 40 + 97 * k + i),
          kind: 'working',
        });
    }
    const all = {
      projects: t.sqlite
        .prepare(
          `select id, status, reported_on as reportedOn, producing_on as producingOn, dropped_on as droppedOn from projects`,
        )
        .all() as {
        id: number;
        status: string;
        reportedOn: string;
        producingOn: string | null;
        droppedOn: string | null;
      }[],
      milestones: t.sqlite
        .prepare(`select project_id as projectId, happened_on as on_ from milestones where "current" = 1`)
        .all() as { projectId: number; on_: string }[],
      arrivals: t.sqlite.prepare(`select project_id as projectId, arrived_on as on_ from arrivals`).all() as {
        projectId: number;
        on_: string;
      }[],
    };
    const dates = [...new Set([...all.milestones, ...all.arrivals].map((x) => x.on_))].sort();
    expect(dates.length).toBeGreaterThan(10);
    let seen = 0;
    for (const D of dates.filter((_, i) => i % 2 === 0).flatMap((d) => [d, addDays(d, 1), addDays(d, 95)])) {
      for (const days of [1, 30, 90, 200]) {
        const cut = addDays(D, -days);
        const expected = all.projects
          .filter(
            (p) =>
              p.status === 'confirmed' &&
              p.reportedOn <= D &&
              !(p.droppedOn && p.droppedOn <= D) &&
              !(p.producingOn && p.producingOn <= D),
          )
          .filter((p) => {
            const latest = [
              p.reportedOn,
              ...[...all.milestones, ...all.arrivals]
                .filter((x) => x.projectId === p.id && x.on_ <= D)
                .map((x) => x.on_),
            ]
              .sort()
              .at(-1)!;
            return latest <= cut;
          })
          .map((p) => p.id)
          .sort((a, b) => a - b);
        const body = await t.ok('GET', `/api/alerts?asOf=${D}&kind=stale&staleDays=${days}&limit=500`);
        expect(
          body.items.map((i: { projectId: number }) => i.projectId).sort((a: number, b: number) => a - b),
          `${D} ${days}`,
        ).toEqual(expected);
        seen += expected.length;
      }
    }
    expect(seen).toBeGreaterThan(20);
  });
});
