// The demo's 推进节点计划 and 专人对接 (SPEC §9): the platform's default node template, applied to some signed
// projects with a few re-plans and task actuals, and owners (对接人, 包挂领导) for them, so the project page's
// timeline, 我的工作 and 调度 show something real; and 企业诉求 on those projects in every state of their loop.
// Through the API, like the rest of the demo.
import { addDays } from '../src/domain/dates';
import { LAST_DAY } from './district';

type Call = <T = { id: number }>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  path: string,
  body?: unknown,
  token?: string,
) => Promise<T>;

/** The default template: what a 招商局 follows after signing, each node's days after the signing date. */
export const defaultNodeTemplate = {
  name: '工业项目标准推进计划',
  nodes: [
    { name: '工商注册', stage: 'registered', offsetDays: 30 },
    { name: '立项备案', offsetDays: 45 },
    { name: '土地摘牌', offsetDays: 75 },
    { name: '环评批复', offsetDays: 100 },
    { name: '施工许可', offsetDays: 130 },
    { name: '开工', stage: 'started', offsetDays: 150 },
    { name: '主体竣工', stage: 'completed', offsetDays: 450 },
    { name: '投产', stage: 'producing', offsetDays: 600 },
  ],
};

interface Project {
  id: number;
  status: string;
  stage: string;
  companyId: number;
  sourceFundId: number | null;
  landingUnitId: number;
  reached: { signed: string | null; started: string | null };
}
interface Node {
  id: number;
  stage: string | null;
  planned: string;
}

/** Applies the template to every third signed project (a dozen or so) and gives them owners; answers those projects. */
export async function seedNodePlans(call: Call, users: { staff: number; leader: number }): Promise<Project[]> {
  const template = await call('POST', '/api/node-templates', defaultNodeTemplate);
  const projects: Project[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Project[]; nextCursor: string | null } = await call(
      'GET',
      `/api/projects?status=confirmed&limit=500${cursor ? `&cursor=${cursor}` : ''}`,
    );
    projects.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  const signed = projects.filter((p) => p.reached.signed && p.stage !== 'dropped' && p.stage !== 'producing');
  const chosen = signed.filter((_, i) => i % 3 === 0).slice(0, 14);
  for (const [i, p] of chosen.entries()) {
    const plan = await call<{ items: Node[] }>('POST', `/api/projects/${p.id}/nodes`, { templateId: template.id });
    const tasks = plan.items.filter((n) => n.stage === null);
    // Done: every task planned before the start (when started), else the first two; a few days early or late.
    const doneTasks = p.reached.started ? tasks.filter((n) => n.planned <= p.reached.started!) : tasks.slice(0, 2);
    for (const [k, n] of doneTasks.entries()) {
      const drift = ((p.id * 7 + k * 11) % 36) - 10; // −10 … +25 days
      let actual = addDays(n.planned, drift);
      if (p.reached.started && actual > p.reached.started) actual = p.reached.started;
      if (actual > LAST_DAY) continue;
      await call('PATCH', `/api/nodes/${n.id}`, { actual });
    }
    // Every fourth project re-planned its first open task once (用地指标 late), the baseline kept.
    const open = tasks.find((n) => !doneTasks.includes(n));
    if (i % 4 === 1 && open) {
      await call('PATCH', `/api/nodes/${open.id}`, {
        planned: addDays(open.planned, 45),
        note: '用地指标调整，计划顺延',
      });
    }
    // 对接人 for most (the last two have none: 无人对接), 包挂领导 for every other one.
    if (i < chosen.length - 2)
      await call('POST', `/api/projects/${p.id}/owners`, {
        userId: users.staff,
        duty: 'liaison',
        from: p.reached.signed,
      });
    if (i % 2 === 0)
      await call('POST', `/api/projects/${p.id}/owners`, {
        userId: users.leader,
        duty: 'leader',
        from: p.reached.signed,
      });
  }
  return chosen;
}

type Step =
  | ['accepted' | 'open', string]
  | ['resolved', string, string]
  | ['closed', string, 'satisfied' | 'basic' | 'unsatisfied'];
interface DemoRequest {
  category: 'land' | 'labour' | 'approval' | 'finance' | 'utilities' | 'policy' | 'other';
  raisedOn: string;
  dueOn?: string;
  description: string;
  steps: Step[];
  /** about the project's company rather than the project */
  company?: true;
  unassigned?: true;
  /** raised by the manager of the project's fund (when the project is one of its) */
  byManager?: true;
}

/**
 * The demo's 企业诉求, each on one of the planned projects (in turn), its responsible unit the project's landing unit:
 * resolved on time and late, one reopened and resolved again, rated 满意/基本满意/不满意, open ones past due (诉求超期)
 * and due soon (调度's 临期), one raised by a fund manager, one about a company rather than a project.
 */
const demoRequests: DemoRequest[] = [
  {
    category: 'land',
    raisedOn: '2026-06-10',
    description: '二期厂房用地指标需在年内落实',
    steps: [
      ['accepted', '2026-06-11'],
      ['resolved', '2026-06-28', '已协调 45 亩用地指标，完成挂牌'],
      ['closed', '2026-07-02', 'satisfied'],
    ],
  },
  {
    category: 'approval',
    raisedOn: '2026-07-02',
    description: '环评批复办理进度咨询，希望并联审批',
    steps: [
      ['accepted', '2026-07-03'],
      ['resolved', '2026-08-05', '环评批复已出具'],
      ['closed', '2026-08-08', 'basic'],
    ],
  },
  {
    category: 'labour',
    raisedOn: '2026-08-05',
    description: '投产前需招聘技术工人 120 名',
    steps: [
      ['accepted', '2026-08-06'],
      ['resolved', '2026-08-15', '已对接区人社局专场招聘会'],
      ['open', '2026-08-25'],
      ['accepted', '2026-08-26'],
      ['resolved', '2026-09-18', '两场招聘会到岗 96 人，缺口由职教中心订单班补足'],
      ['closed', '2026-09-20', 'satisfied'],
    ],
  },
  {
    category: 'utilities',
    raisedOn: '2026-09-01',
    description: '厂区双回路供电接入',
    steps: [
      ['accepted', '2026-09-02'],
      ['resolved', '2026-09-12', '供电公司已完成接入方案'],
      ['closed', '2026-09-15', 'unsatisfied'],
    ],
  },
  {
    category: 'finance',
    raisedOn: '2026-09-20',
    description: '设备购置流动资金贷款 5000 万元，希望对接政策性银行',
    steps: [['accepted', '2026-09-21']],
  },
  {
    category: 'policy',
    raisedOn: '2026-10-08',
    description: '固定资产投资补助申报材料指导',
    steps: [],
    unassigned: true,
  },
  {
    category: 'other',
    raisedOn: '2026-10-12',
    description: '企业高管子女入学安排',
    steps: [
      ['accepted', '2026-10-13'],
      ['resolved', '2026-10-22', '已协调区教育局落实学位'],
    ],
    company: true,
  },
  {
    category: 'approval',
    raisedOn: '2026-10-15',
    description: '施工许可证办理，基金管理人代企业报送',
    steps: [['accepted', '2026-10-16']],
    byManager: true,
  },
  {
    category: 'land',
    raisedOn: '2026-10-28',
    dueOn: '2026-12-18',
    description: '配套仓储用地规划调整',
    steps: [['accepted', '2026-10-29']],
  },
  { category: 'labour', raisedOn: '2026-10-30', dueOn: '2026-12-12', description: '员工公寓租赁补贴咨询', steps: [] },
];

/**
 * Raises the demo's 企业诉求 on the planned projects and walks each through its steps (staff accept, resolve and
 * close); the platform sets 用地 to 30 days and 审批 to 20 first. Answers the count.
 */
export async function seedRequests(
  call: Call,
  projects: Project[],
  users: { staff: number },
  managers: { token: string; fundIds: number[] }[],
): Promise<number> {
  await call('PUT', '/api/settings', { requestDays: { land: 30, approval: 20 } });
  for (const [i, r] of demoRequests.entries()) {
    const manager = r.byManager
      ? managers.find((m) => projects.some((p) => p.sourceFundId !== null && m.fundIds.includes(p.sourceFundId)))
      : undefined;
    const p = manager
      ? projects.find((x) => x.sourceFundId !== null && manager.fundIds.includes(x.sourceFundId))!
      : projects[i % projects.length]!;
    const raised = await call(
      'POST',
      '/api/requests',
      {
        ...(r.company ? { companyId: p.companyId } : { projectId: p.id }),
        category: r.category,
        unitId: p.landingUnitId,
        ...(r.unassigned || manager ? {} : { assigneeId: users.staff }),
        raisedOn: r.raisedOn,
        ...(r.dueOn && { dueOn: r.dueOn }),
        description: r.description,
      },
      manager?.token,
    );
    for (const [to, on, extra] of r.steps)
      await call('POST', `/api/requests/${raised.id}/transitions`, {
        to,
        on,
        ...(to === 'resolved' && { text: extra }),
        ...(to === 'closed' && { rating: extra }),
      });
  }
  return demoRequests.length;
}
