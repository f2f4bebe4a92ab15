// The demo's 推进节点计划 and 专人对接 (SPEC §9): the platform's default node template, applied to some signed
// projects with a few re-plans and task actuals, and owners (对接人, 包挂领导) for them, so the project page's
// timeline, 我的工作 and 调度 show something real. Through the API, like the rest of the demo.
import { addDays } from '../src/domain/dates';
import { LAST_DAY } from './district';

type Call = <T = { id: number }>(
  method: 'GET' | 'POST' | 'PATCH',
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
  reached: { signed: string | null; started: string | null };
}
interface Node {
  id: number;
  stage: string | null;
  planned: string;
}

/** Applies the template to every third signed project (a dozen or so) and gives them owners; answers the count. */
export async function seedNodePlans(call: Call, users: { staff: number; leader: number }): Promise<number> {
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
  return chosen.length;
}
