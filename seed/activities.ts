// The demo district's 招商活动 of 2026: 走出去 to 深圳, 上海, 苏州, 北京 and 广州 (most led by the district's head), a
// 推介会 in 上海 from which a lead came, visits to companies already here, 客商 received, talks and an online meeting;
// two recorded by fund managers for their own funds. Companies are named as a clerk writes them (registered ones are
// linked by their name); projects by their names in the demo.
import type { Call } from './assessment';
import type { FundKey, UnitKey } from './district';

interface DemoActivity {
  unit: UnitKey;
  fund?: FundKey;
  kind: 'outbound' | 'inbound' | 'visit' | 'talks' | 'event' | 'online';
  on: string;
  until?: string;
  destination?: string;
  topLed?: boolean;
  /** Demo users who went (by username), and people without an account. */
  users?: string[];
  names?: string[];
  companies: string[];
  produced?: string[];
  advanced?: string[];
  note?: string;
  /** The fund manager who recorded it (else platform staff). */
  by?: string;
}

const HEAD = '区政府主要负责同志';

export const activityList: DemoActivity[] = [
  {
    unit: 'jiujiang',
    kind: 'inbound',
    on: '2026-01-16',
    users: ['staff'],
    names: ['区投资促进中心 周敏'],
    companies: ['日本丰和电装株式会社'],
    advanced: ['丰和电池隔膜项目'],
    note: '丰和电装中国区负责人来鸠江考察选址，洽谈电池隔膜二期用地',
  },
  {
    unit: 'jiujiang',
    fund: 'A',
    kind: 'event',
    on: '2026-02-25',
    destination: '上海',
    topLed: true,
    users: ['staff'],
    names: [HEAD, '区投资促进中心 李明', '智能制造子基金投资经理 王磊'],
    companies: [
      '上海辰光智能装备股份有限公司',
      '上海沃源精密机械有限公司',
      '上海凌云智驾科技有限公司',
      '上海某工业机器人企业',
    ],
    produced: ['辰光智能装备华东制造基地'],
    note: '鸠江区机器人及智能装备产业（上海）推介会，现场对接企业 20 余家，辰光智能当场表达落户意向',
  },
  {
    unit: 'jiujiang',
    fund: 'A',
    kind: 'outbound',
    on: '2026-03-10',
    until: '2026-03-12',
    destination: '深圳',
    topLed: true,
    users: ['staff'],
    names: [HEAD, '区投资促进中心 李明'],
    companies: ['深圳灵犀视觉技术有限公司', '深圳灵天智能装备有限公司', '深圳某储能科技企业'],
    advanced: ['灵犀视觉检测设备研发生产项目', '灵天协作机器人整机制造项目'],
    note: '赴深圳走访被投企业与在谈客商，推动灵天协作机器人项目签约',
  },
  {
    unit: 'jjkfq',
    fund: 'A',
    kind: 'inbound',
    on: '2026-03-20',
    names: ['经开区招商局 陈晓'],
    companies: ['杭州云帆工业软件有限公司'],
    advanced: ['云帆工业软件长三角交付中心'],
    note: '云帆工业软件高管来经开区考察交付中心场地',
  },
  {
    unit: 'jiujiang',
    fund: 'A',
    kind: 'visit',
    on: '2026-04-08',
    users: ['staff'],
    companies: ['芜湖擎天机器人科技有限公司'],
    advanced: ['擎天机器人二期扩产项目'],
    note: '走访链主企业，了解二期扩产用地与用工需求',
  },
  {
    unit: 'jiujiang',
    fund: 'D',
    kind: 'outbound',
    on: '2026-05-18',
    until: '2026-05-20',
    destination: '上海',
    topLed: true,
    users: ['staff'],
    names: [HEAD, '新能源汽车零部件子基金 赵刚'],
    companies: ['上海凌云智驾科技有限公司', '上海某汽车电子企业'],
    advanced: ['凌云智驾域控制器生产线'],
  },
  {
    unit: 'jjkfq',
    fund: 'D',
    kind: 'outbound',
    on: '2026-06-02',
    until: '2026-06-04',
    destination: '苏州、无锡',
    names: ['经开区招商局 陈晓', '经开区招商局 刘洋'],
    companies: ['苏州钧控精密传动有限公司', '无锡新锐汽车轻量化科技有限公司'],
    produced: ['新锐一体化压铸件项目'],
    advanced: ['钧控精密减速器芜湖生产基地'],
    note: '新锐轻量化有意在芜布局一体化压铸，约定 7 月来芜考察',
  },
  {
    unit: 'jjkfq',
    kind: 'visit',
    on: '2026-07-09',
    names: ['经开区招商局 陈晓'],
    companies: ['芜湖灵境数字科技有限公司', '芜湖骏达自动化科技有限公司'],
    advanced: ['骏达智能产线系统集成项目'],
  },
  {
    unit: 'jiujiang',
    fund: 'B',
    kind: 'talks',
    on: '2026-08-25',
    users: ['manager-ai'],
    companies: ['北京睿视智能科技有限公司'],
    produced: ['睿视智能安防终端生产项目'],
    note: '与睿视智能洽谈安防终端生产线落地鸠江，基金拟跟投',
    by: 'manager-ai',
  },
  {
    unit: 'yijiang',
    kind: 'outbound',
    on: '2026-09-15',
    until: '2026-09-17',
    destination: '北京',
    topLed: true,
    names: ['弋江区政府主要负责同志', '弋江区投资促进局 孙悦'],
    companies: ['北京某生物医药企业', '北京某商业航天企业'],
  },
  {
    unit: 'wanzhi',
    kind: 'visit',
    on: '2026-10-09',
    names: ['湾沚区招商局 吴刚'],
    companies: ['芜湖凌霄航空智能装备有限公司'],
  },
  {
    unit: 'jiujiang',
    fund: 'C',
    kind: 'event',
    on: '2026-10-12',
    users: ['manager-culture'],
    names: ['区文旅局 郑洁'],
    companies: ['南京青禾文旅发展有限公司', '苏州云裳文化创意有限公司', '杭州某数字文旅企业'],
    produced: ['鸠兹古镇数字文旅综合体'],
    note: '数字文旅投资沙龙，青禾文旅提出古镇数字文旅综合体方案',
    by: 'manager-culture',
  },
  {
    unit: 'jiujiang',
    fund: 'B',
    kind: 'online',
    on: '2026-10-14',
    users: ['manager-ai'],
    companies: ['合肥量子视界科技有限公司'],
    advanced: ['量子视界具身智能研发中心'],
    by: 'manager-ai',
  },
  {
    unit: 'jiujiang',
    fund: 'D',
    kind: 'outbound',
    on: '2026-10-27',
    until: '2026-10-29',
    destination: '广州',
    topLed: true,
    users: ['staff'],
    names: [HEAD, '区投资促进中心 李明'],
    companies: ['广州翊海汽车零部件有限公司', '广州凯新新能源科技有限公司', '广州某氢能装备企业'],
    advanced: ['凯新动力电池正极材料项目', '翊海电驱动总成项目'],
    note: '赴广州开展新能源汽车零部件产业链招商',
  },
];

/** Writes the demo activities; answers how many. */
export async function seedActivities(
  call: Call,
  fundId: Record<FundKey, number>,
  unitId: Record<UnitKey, number>,
  tokenOf: Record<string, string>,
): Promise<number> {
  const projects = await call<{ items: { id: number; name: string }[] }>('GET', '/api/projects?limit=500');
  const projectId = (name: string) => {
    const p = projects.items.find((x) => x.name === name);
    if (!p) throw new Error(`演示数据有误：招商活动关联的项目「${name}」不存在`);
    return p.id;
  };
  const userId: Record<string, number> = {};
  for (const [username, token] of Object.entries(tokenOf))
    userId[username] = (await call<{ id: number }>('GET', '/api/me', undefined, token)).id;
  for (const a of activityList) {
    await call(
      'POST',
      '/api/activities',
      {
        unitId: unitId[a.unit],
        fundId: a.fund ? fundId[a.fund] : null,
        kind: a.kind,
        startedOn: a.on,
        endedOn: a.until ?? null,
        destination: a.destination ?? null,
        topLed: a.topLed ?? false,
        participantIds: (a.users ?? []).map((u) => userId[u]),
        participantNames: a.names ?? [],
        companies: a.companies.map((name) => ({ name })),
        projects: [
          ...(a.produced ?? []).map((name) => ({ projectId: projectId(name), link: 'produced' })),
          ...(a.advanced ?? []).map((name) => ({ projectId: projectId(name), link: 'advanced' })),
        ],
        note: a.note ?? null,
      },
      a.by ? tokenOf[a.by] : undefined,
    );
  }
  return activityList.length;
}
