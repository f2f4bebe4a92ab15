// The demo district's 重点产业链 (with 链长 and 链主) and the projects that make its 预警 list and 产业链 map show
// something true: a project started long ago and still not completed (开工未竣工), and a key chain the funds have
// brought nothing to yet (every link a gap). The seed's own leads already raise the other kinds (old signings
// without a start, leads without news, pending submissions and credits).
import type { FundKey, UnitKey } from './district';

export type Call = <T = { id: number }>(
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  body?: unknown,
  token?: string,
) => Promise<T>;

export const keyChains = [
  { name: '机器人及智能装备', leader: '区政府分管工业副区长', leadCompanies: ['芜湖擎天机器人科技有限公司'] },
  { name: '新能源汽车', leader: '区委常委、常务副区长', leadCompanies: ['宁波钧能电池材料有限公司'] },
  { name: '人工智能', leader: '区政府分管科技副区长', leadCompanies: [] },
  // Only upstream materials so far: its midstream and downstream are gaps.
  { name: '新材料', leader: '区政府分管经济副区长', leadCompanies: [] },
  // No fund has brought a project to this chain yet: the map shows each of its links as a gap (缺链).
  { name: '集成电路', leader: '区委副书记', leadCompanies: [] },
];

/** Writes the key chains and the long-running project (as of 2026: started 2024-03-01, never completed). */
export async function seedWatch(call: Call, fundId: Record<FundKey, number>, unitId: Record<UnitKey, number>) {
  for (const chain of keyChains) await call('POST', '/api/chains', chain);
  const p = await call('POST', '/api/projects', {
    name: '擎天机器人关节模组产业园项目',
    company: { name: '芜湖擎天关节模组科技有限公司' },
    sourceType: 'fund',
    sourceFundId: fundId.A,
    reportedOn: '2023-09-01',
    plannedTotal: '120000000',
    chain: '机器人及智能装备',
    chainNode: 'upstream',
    chainAction: 'fill',
    introducingUnitId: unitId.jiujiang,
    landingUnitId: unitId.jiujiang,
  });
  for (const [stage, on] of [
    ['signed', '2023-10-15'],
    ['registered', '2023-11-20'],
    ['started', '2024-03-01'],
  ] as const) {
    await call('POST', `/api/projects/${p.id}/milestones`, {
      stage,
      on,
      note: stage === 'started' ? '一期厂房开工，二期设备采购延后' : null,
    });
  }
  await call('POST', `/api/projects/${p.id}/arrivals`, {
    amount: '30000000',
    arrivedOn: '2026-09-15',
    kind: 'fixed_asset',
  });
  return { chains: keyChains.length, projects: 1, arrivals: 1 };
}
