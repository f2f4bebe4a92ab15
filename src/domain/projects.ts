// The rules a project's lead, milestones and arrivals obey that need no database: each answers why a write is refused, or null.
import { progressStages, type Role, type Stage } from './vocabulary';
import type { Issue } from '../errors';

export const futureArrival = (today: string) => `到资日期不能晚于今天（${today}）`;

/** Why an arrival dated `arrivedOn` is refused (409) for a project that reached 签约 on `signedOn`, or null. */
export function notSignedProblem(signedOn: string | null, arrivedOn: string): string | null {
  if (signedOn && signedOn <= arrivedOn) return null;
  return `在 ${arrivedOn} 尚未签约${signedOn ? `（签约日期 ${signedOn}）` : ''}，不能记录到资`;
}

/** The day a project reached 签约: its earliest current milestone of 签约 or any later stage (SPEC §4), as refreshReached() derives it. */
export function signedOnOf(current: { stage: string; on: string }[]): string | null {
  const later = new Set<string>(progressStages.slice(1));
  return current
    .filter((m) => later.has(m.stage))
    .reduce<string | null>((a, m) => (a === null || m.on < a ? m.on : a), null);
}

/**
 * Why recording milestone `m` is refused (409) for a project with these current milestones and this earliest
 * arrival, or null: a corrected 签约 (or later) date must not leave an arrival before signing, as notSignedProblem()
 * refuses an arrival before signing.
 */
export function signingAfterArrivalProblem(
  current: { stage: string; on: string }[],
  m: { stage: string; on: string },
  earliest: { id: number; arrivedOn: string } | undefined,
): string | null {
  if (!earliest) return null;
  const signedOn = signedOnOf([...current.filter((c) => c.stage !== m.stage), m]);
  if (signedOn !== null && signedOn <= earliest.arrivedOn) return null;
  return `已有 ${earliest.arrivedOn} 的到资（到资 ${earliest.id}），签约日期${signedOn ? ` ${signedOn}` : ''}不能晚于到资日期；请先核对该笔到资`;
}

/** Why a milestone dated `on` is refused (400) for a project reported on `reportedOn`, or null. */
export function milestoneDateProblem(on: string, reportedOn: string, today: string): string | null {
  if (on < reportedOn) return `进展日期不能早于报送日期 ${reportedOn}`;
  if (on > today) return `进展日期不能晚于今天（${today}）`;
  return null;
}

/**
 * What a caller who may not see the project holding a company's lead learns of it: that another fund (or, for a lead
 * no fund reported, another unit) holds it — never which —, that the platform's staff decide, and how to appeal a
 * first-report (首报) claim.
 */
export const reportedElsewhere = (byFund: boolean) =>
  `该企业已有${byFund ? '其他基金' : '其他单位'}报送的在途项目线索，按首报原则归属首报方，不能重复报送。` +
  '是否为同一企业、线索归属谁，由平台工作人员认定；如认为本方首报在先，请持签约协议、对接记录等材料联系平台工作人员申请复核。';

/** The rules POST /api/projects applies beyond its schema that need no database: 400 issues, in the order checked. */
export function projectRuleIssues(
  body: { reportedOn: string; sourceFundId?: number | null },
  today: string,
  role: Role,
): Issue[] {
  const issues: Issue[] = [];
  if (body.reportedOn > today) issues.push({ path: 'reportedOn', message: `报送日期不能晚于今天（${today}）` });
  if (role === 'manager' && !body.sourceFundId)
    issues.push({ path: 'sourceFundId', message: '基金管理人报送项目须指定本基金为来源基金 sourceFundId' });
  return issues;
}

/**
 * Whether an investment of `investmentFundId` may drive a lead of `sourceFundId`: one fund is in the other's family.
 * `related` is relatedFundsOf() read for the investment funds.
 */
export function investmentRelated(
  related: Map<number, Set<number>>,
  sourceFundId: number | null | undefined,
  investmentFundId: number,
): boolean {
  if (sourceFundId === null || sourceFundId === undefined) return false;
  return related.get(investmentFundId)?.has(sourceFundId) ?? false;
}
export const unrelatedInvestment = (investmentId: number) =>
  `投资 ${investmentId} 不属于来源基金或其上下级基金，不能作为驱动投资`;

/**
 * The stages whose reached date (SPEC §4) no one entered: each reached on the date of a later stage's milestone (a
 * project recorded 开工 but never 注册 has reached 注册 on its 开工 date), mapped to that later stage. A stage with a
 * current milestone on its reached date is entered, and not in the answer.
 */
export function impliedStages(
  milestones: readonly { stage: string; on: string; current: boolean }[],
  reached: Partial<Record<Stage, string | null>>,
): Partial<Record<Stage, Stage>> {
  const current = milestones.filter((m) => m.current);
  const out: Partial<Record<Stage, Stage>> = {};
  progressStages.forEach((stage, i) => {
    const on = reached[stage];
    if (!on || current.some((m) => m.stage === stage && m.on === on)) return;
    const by = progressStages.slice(i + 1).find((later) => current.some((m) => m.stage === later && m.on === on));
    if (by) out[stage] = by;
  });
  return out;
}
