// 推进节点计划 (SPEC §9): a node's state as of a date, and the dates a template gives a signed project's nodes.
import { addDays } from './dates';
import type { NodeStage, NodeStatus } from './vocabulary';

/** The horizon h of `due` 临期 when none is asked: 14 days. */
export const defaultHorizonDays = 14;

/** What a node's state is read from: its plan in force and its actual date (a stage node's: the stage's reached date). */
export interface NodeDates {
  planned: string;
  actual: string | null;
}

/**
 * The node's state as of `D` with horizon `h` (SPEC §9), the reference for every figure built on it (the service
 * report, 调度 and the node_overdue alert compute the same in SQL):
 * - `done` 已完成: actual ≤ D;
 * - `overdue` 滞后: not done and planned < D;
 * - `due` 临期: not done and D ≤ planned ≤ D + h;
 * - `open` 未到期: otherwise (not done, planned > D + h).
 * An actual date after D is not done as of D. Dates are YYYY-MM-DD, so comparing the strings compares the dates.
 */
export function nodeStatus(node: NodeDates, asOf: string, horizonDays = defaultHorizonDays): NodeStatus {
  if (node.actual !== null && node.actual <= asOf) return 'done';
  if (node.planned < asOf) return 'overdue';
  if (node.planned <= addDays(asOf, horizonDays)) return 'due';
  return 'open';
}

/** 按期完成: done as of D and actual ≤ planned (the plan in force, not the baseline). */
export function nodeOnTime(node: NodeDates, asOf: string): boolean {
  return node.actual !== null && node.actual <= asOf && node.actual <= node.planned;
}

/** 调整过计划: the plan in force differs from the baseline (the first plan). */
export const nodeReplanned = (node: { planned: string; baseline: string }): boolean => node.planned !== node.baseline;

/** A node's planned date from its template: signed + offsetDays (计划日期 = 签约日期 + 偏移天数). */
export const plannedFromSigning = (signedOn: string, offsetDays: number): string => addDays(signedOn, offsetDays);

/** The reached dates of a project by stage, as the project record keeps them (projects.registeredOn …). */
export type ReachedDates = Record<NodeStage, string | null>;

/**
 * A node's actual date as of D: a stage node reads its stage's reached date (§4, never entered twice), a task node
 * has its own; either counts only when on or before D (a node finished after D was not finished as of D).
 */
export function nodeActual(
  node: { stage: NodeStage | null; actual: string | null },
  reached: ReachedDates,
  asOf: string,
): string | null {
  const on = node.stage === null ? node.actual : reached[node.stage];
  return on !== null && on <= asOf ? on : null;
}
