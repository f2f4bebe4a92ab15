import { ratio } from './fraction';
import { median } from './outcomes';
import { activityKinds, type ActivityKind } from './vocabulary';

// 推进督办, 诉求闭环, 招商活动 in figures (SPEC §9): SQL counts per unit or fund family and window; the rates and the
// median here.

/** What SQL counts of a scope's 招商活动 in a window: activities by kind, 主要负责人带队, distinct companies and leads. */
export interface ActivityAggregates {
  byKind: Record<ActivityKind, number>;
  topLed: number;
  companiesMet: number;
  leadsProduced: number;
}

/** What SQL counts of a scope's 企业诉求 for a window; `days` is the raised → last resolved sample of the resolved ones. */
export interface RequestAggregates {
  raised: number;
  resolved: number;
  resolvedOnTime: number;
  openOverdue: number;
  rated: number;
  /** Rated 满意 or 基本满意. */
  satisfied: number;
  days: { n: number; middle: number[] };
}

/** What SQL counts of the 推进节点 of a scope's projects as of a window's end. */
export interface NodeAggregates {
  nodesDue: number;
  nodesDoneOnTime: number;
  nodesOverdue: number;
  replanned: number;
}

export const noActivities = (): ActivityAggregates => ({
  byKind: Object.fromEntries(activityKinds.map((k) => [k, 0])) as Record<ActivityKind, number>,
  topLed: 0,
  companiesMet: 0,
  leadsProduced: 0,
});
export const noRequests = (): RequestAggregates => ({
  raised: 0,
  resolved: 0,
  resolvedOnTime: 0,
  openOverdue: 0,
  rated: 0,
  satisfied: 0,
  days: { n: 0, middle: [] },
});
export const noNodes = (): NodeAggregates => ({ nodesDue: 0, nodesDoneOnTime: 0, nodesOverdue: 0, replanned: 0 });

/**
 * 诉求 figures: 办结率 resolutionRate = resolved / raised, 按期办结率 onTimeRate = resolvedOnTime / resolved,
 * medianDays (raised → last resolved, one decimal), 满意度 satisfaction = (满意 + 基本满意) / rated; null on an empty base.
 */
export function requestFigures(a: RequestAggregates) {
  return {
    raised: a.raised,
    resolved: a.resolved,
    resolvedOnTime: a.resolvedOnTime,
    openOverdue: a.openOverdue,
    resolutionRate: ratio(a.resolved, a.raised),
    onTimeRate: ratio(a.resolvedOnTime, a.resolved),
    medianDays: median(a.days),
    satisfaction: ratio(a.satisfied, a.rated),
  };
}

/** 节点 figures: 节点按期完成率 nodeOnTimeRate = nodesDoneOnTime / nodesDue (null when none is due). */
export function nodeFigures(a: NodeAggregates) {
  return {
    nodesDue: a.nodesDue,
    nodesDoneOnTime: a.nodesDoneOnTime,
    nodesOverdue: a.nodesOverdue,
    nodeOnTimeRate: ratio(a.nodesDoneOnTime, a.nodesDue),
    replanned: a.replanned,
  };
}
