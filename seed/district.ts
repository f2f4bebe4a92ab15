// The demo district: 鸠江区 (芜湖市) set up a 10亿元 区级母基金 and industry sub-funds. Names are invented but
// shaped like the real ones; money is in 万元 here and turned into 元 strings when sent to the API.

/** The last date the demo records anything on (the API refuses future dates). */
export const LAST_DAY = '2026-10-31';

export type UnitKey = 'wuhu' | 'jiujiang' | 'yijiang' | 'jinghu' | 'wanzhi' | 'fanchang' | 'wetdz' | 'jjkfq' | 'gaoxin';

export const unitList: { key: UnitKey; name: string; code?: string; parent?: UnitKey; peerGroup: string }[] = [
  { key: 'wuhu', name: '芜湖市', code: '340200', peerGroup: '地级市' },
  { key: 'jiujiang', name: '鸠江区', code: '340207', parent: 'wuhu', peerGroup: '县区' },
  { key: 'yijiang', name: '弋江区', code: '340209', parent: 'wuhu', peerGroup: '县区' },
  { key: 'jinghu', name: '镜湖区', code: '340202', parent: 'wuhu', peerGroup: '县区' },
  { key: 'wanzhi', name: '湾沚区', code: '340221', parent: 'wuhu', peerGroup: '县区' },
  { key: 'fanchang', name: '繁昌区', code: '340222', parent: 'wuhu', peerGroup: '县区' },
  // 开发园区 have no 行政区划代码 of their own; they run on their own 跑道.
  { key: 'wetdz', name: '芜湖经济技术开发区', parent: 'wuhu', peerGroup: '开发园区' },
  { key: 'jjkfq', name: '鸠江经济开发区', parent: 'jiujiang', peerGroup: '开发园区' },
  { key: 'gaoxin', name: '芜湖高新技术产业开发区', parent: 'yijiang', peerGroup: '开发园区' },
];

export type FundKey = 'M' | 'A' | 'B' | 'B1' | 'C' | 'D';
type Wan = number;

export interface FundSeed {
  key: FundKey;
  name: string;
  level: 'mother' | 'sub';
  parent?: FundKey;
  manager: string;
  establishedOn: string;
  reinvestment: {
    multiple: string;
    base: 'parent_committed' | 'parent_paid' | 'fund_committed' | 'fund_paid';
    weights?: Record<string, string>;
  };
  commitments: {
    type: 'fiscal' | 'soe' | 'social' | 'fund';
    name?: string;
    fund?: FundKey;
    amount: Wan;
    on: string;
    paid: [Wan, string][];
  }[];
  /** People of the manager who introduce leads (介绍人). */
  team: string[];
}

export const fundList: FundSeed[] = [
  {
    key: 'M',
    name: '鸠江区产业投资母基金',
    level: 'mother',
    manager: '芜湖鸠江产业投资基金管理有限公司',
    establishedOn: '2023-03-15',
    reinvestment: { multiple: '1.0', base: 'fund_paid' },
    commitments: [
      {
        type: 'fiscal',
        name: '鸠江区财政局',
        amount: 60000,
        on: '2023-03-15',
        paid: [
          [20000, '2023-04-20'],
          [10000, '2024-03-28'],
        ],
      },
      {
        type: 'soe',
        name: '芜湖市鸠江建设投资有限公司',
        amount: 40000,
        on: '2023-03-15',
        paid: [
          [10000, '2023-04-25'],
          [10000, '2024-04-10'],
        ],
      },
    ],
    team: ['张立群', '黄蓉'],
  },
  {
    key: 'A',
    name: '鸠江区智能制造产业子基金',
    level: 'sub',
    parent: 'M',
    manager: '安徽鸠兴智能制造私募基金管理有限公司',
    establishedOn: '2023-06-18',
    reinvestment: { multiple: '1.2', base: 'parent_committed' },
    commitments: [
      {
        type: 'fund',
        fund: 'M',
        amount: 15000,
        on: '2023-06-18',
        paid: [
          [4500, '2023-07-20'],
          [3000, '2024-06-15'],
        ],
      },
      {
        type: 'soe',
        name: '芜湖市建设投资有限公司',
        amount: 10000,
        on: '2023-06-18',
        paid: [
          [3000, '2023-07-25'],
          [2000, '2024-06-20'],
        ],
      },
      {
        type: 'social',
        name: '芜湖恒信实业集团有限公司',
        amount: 15000,
        on: '2023-06-18',
        paid: [
          [4500, '2023-07-28'],
          [3000, '2024-06-28'],
        ],
      },
      {
        type: 'social',
        name: '上海辰星创业投资管理有限公司',
        amount: 10000,
        on: '2023-06-20',
        paid: [
          [3000, '2023-08-05'],
          [2000, '2024-07-02'],
        ],
      },
    ],
    team: ['王磊', '陈思远', '刘倩'],
  },
  {
    key: 'B',
    name: '鸠江区人工智能产业子基金',
    level: 'sub',
    parent: 'M',
    manager: '芜湖智汇创业投资管理有限公司',
    establishedOn: '2023-09-08',
    // A relocated headquarters weighs double here, and a referred lead half.
    reinvestment: { multiple: '1.5', base: 'parent_paid', weights: { relocated: '2', sourced_project: '0.5' } },
    commitments: [
      {
        type: 'fund',
        fund: 'M',
        amount: 10000,
        on: '2023-09-08',
        paid: [
          [3000, '2023-10-15'],
          [3000, '2024-09-20'],
          [4000, '2025-03-20'],
        ],
      },
      {
        type: 'soe',
        name: '芜湖市鸠江区科技创新投资有限公司',
        amount: 5000,
        on: '2023-09-08',
        paid: [[2500, '2023-10-20']],
      },
      {
        type: 'social',
        name: '芜湖远航创业投资合伙企业（有限合伙）',
        amount: 25000,
        on: '2023-09-10',
        paid: [
          [7500, '2023-10-28'],
          [5000, '2025-03-28'],
        ],
      },
    ],
    team: ['赵一鸣', '孙悦'],
  },
  {
    key: 'B1',
    name: '鸠江区人工智能天使子基金',
    level: 'sub',
    parent: 'B',
    manager: '芜湖智汇创业投资管理有限公司',
    establishedOn: '2024-09-20',
    reinvestment: { multiple: '1.2', base: 'parent_committed' },
    commitments: [
      { type: 'fund', fund: 'B', amount: 4000, on: '2024-09-20', paid: [[2000, '2024-10-15']] },
      {
        type: 'soe',
        name: '芜湖市鸠江区科技创新投资有限公司',
        amount: 2000,
        on: '2024-09-20',
        paid: [[1000, '2024-10-20']],
      },
      {
        type: 'social',
        name: '芜湖启明天使投资合伙企业（有限合伙）',
        amount: 4000,
        on: '2024-09-22',
        paid: [[2000, '2024-10-25']],
      },
    ],
    team: ['孙悦', '周航'],
  },
  {
    key: 'C',
    name: '鸠江区文化创意产业子基金',
    level: 'sub',
    parent: 'M',
    manager: '芜湖文投私募基金管理有限公司',
    establishedOn: '2023-11-16',
    reinvestment: { multiple: '1.0', base: 'fund_committed' },
    commitments: [
      { type: 'fund', fund: 'M', amount: 6000, on: '2023-11-16', paid: [[3600, '2023-12-20']] },
      {
        type: 'soe',
        name: '芜湖市文化旅游投资集团有限公司',
        amount: 4000,
        on: '2023-11-16',
        paid: [[2400, '2023-12-22']],
      },
      {
        type: 'social',
        name: '芜湖文华产业投资合伙企业（有限合伙）',
        amount: 10000,
        on: '2023-11-18',
        paid: [
          [4000, '2023-12-28'],
          [2000, '2025-01-15'],
        ],
      },
    ],
    team: ['李娜', '吴桐'],
  },
  {
    key: 'D',
    name: '鸠江区新能源汽车零部件产业子基金',
    level: 'sub',
    parent: 'M',
    manager: '安徽江城汽车产业私募基金管理有限公司',
    establishedOn: '2024-03-28',
    // Set up with k = 1.0; lowered to 0 in 2025 (国办发〔2025〕1号), see `lowerToZero`.
    reinvestment: { multiple: '1.0', base: 'parent_committed' },
    commitments: [
      {
        type: 'fund',
        fund: 'M',
        amount: 12000,
        on: '2024-03-28',
        paid: [
          [4800, '2024-04-25'],
          [2400, '2025-04-18'],
        ],
      },
      { type: 'fiscal', name: '芜湖市财政局', amount: 8000, on: '2024-03-28', paid: [[4000, '2024-04-28']] },
      { type: 'soe', name: '芜湖市建设投资有限公司', amount: 10000, on: '2024-03-28', paid: [[5000, '2024-05-06']] },
      {
        type: 'social',
        name: '芜湖瑞鹰汽车产业投资合伙企业（有限合伙）',
        amount: 30000,
        on: '2024-03-30',
        paid: [
          [12000, '2024-05-10'],
          [6000, '2025-04-25'],
        ],
      },
    ],
    team: ['郑海波', '何军', '马骁'],
  },
];

/** The fund whose 返投 multiple is lowered to 0 after its set-up (a PATCH, so the audit trail shows it). */
export const lowerToZero: FundKey = 'D';

/** Portfolio companies: `area` is the 区划 in the credit code (where it first registered); `unit` is where it is now. */
export const investeeList: { key: string; name: string; area: string; unit?: UnitKey }[] = [
  { key: 'qingtian', name: '芜湖擎天机器人科技有限公司', area: '340207', unit: 'jiujiang' },
  { key: 'chenguang', name: '上海辰光智能装备股份有限公司', area: '310115' },
  { key: 'junkong', name: '苏州钧控精密传动有限公司', area: '320505' },
  { key: 'lingxi', name: '深圳灵犀视觉技术有限公司', area: '440305' },
  { key: 'borui', name: '芜湖博锐数控装备有限公司', area: '340207', unit: 'jiujiang' },
  { key: 'hanhai', name: '安徽瀚海激光科技有限公司', area: '340104', unit: 'jiujiang' },
  { key: 'yunfan', name: '杭州云帆工业软件有限公司', area: '330108' },
  { key: 'lingxiao', name: '芜湖凌霄航空智能装备有限公司', area: '340221', unit: 'wanzhi' },
  { key: 'lingyun', name: '上海凌云智驾科技有限公司', area: '310115' },
  { key: 'zhitong', name: '安徽智瞳科技有限公司', area: '340104', unit: 'jiujiang' },
  { key: 'lanzhou', name: '上海澜舟认知智能科技有限公司', area: '310104' },
  { key: 'qiyuan', name: '芜湖启元算力科技有限公司', area: '340207', unit: 'jiujiang' },
  { key: 'ruishi', name: '北京睿视智能科技有限公司', area: '110108' },
  { key: 'lingjing', name: '芜湖灵境数字科技有限公司', area: '340207', unit: 'jjkfq' },
  { key: 'xingtu', name: '南京星途语音科技有限公司', area: '320115' },
  { key: 'xinqing', name: '深圳芯擎传感技术有限公司', area: '440305' },
  { key: 'huimeng', name: '北京绘梦智能科技有限公司', area: '110108' },
  { key: 'zhiwei', name: '芜湖知微数据科技有限公司', area: '340207', unit: 'jiujiang' },
  { key: 'yanwu', name: '芜湖言午智能科技有限公司', area: '340207', unit: 'jjkfq' },
  { key: 'liangzi', name: '合肥量子视界科技有限公司', area: '340104' },
  { key: 'shentong', name: '芜湖深瞳具身智能科技有限公司', area: '340207', unit: 'jiujiang' },
  { key: 'qingluan', name: '芜湖青鸾动漫文化有限公司', area: '340207', unit: 'jiujiang' },
  { key: 'mojing', name: '杭州墨境游戏科技有限公司', area: '330108' },
  { key: 'shenglang', name: '上海声浪文化传媒有限公司', area: '310106', unit: 'jiujiang' },
  { key: 'huiyun', name: '芜湖徽韵文旅发展有限公司', area: '340202', unit: 'jinghu' },
  { key: 'guanghe', name: '成都光合数字影视有限公司', area: '510107' },
  { key: 'zhiyuan', name: '芜湖纸鸢文创科技有限公司', area: '340207', unit: 'jiujiang' },
  { key: 'junneng', name: '宁波钧能电池材料有限公司', area: '330206' },
  { key: 'chiyuan', name: '常州驰远电驱科技有限公司', area: '320412' },
  { key: 'ruiqing', name: '芜湖锐擎热管理系统有限公司', area: '340207', unit: 'jiujiang' },
  { key: 'hengtong', name: '芜湖恒通汽车电子有限公司', area: '340207', unit: 'jjkfq' },
  { key: 'woneng', name: '深圳沃能储能科技有限公司', area: '440306' },
  { key: 'xinrui', name: '无锡新锐汽车轻量化科技有限公司', area: '320214' },
  { key: 'tianyi', name: '芜湖天翼低空科技有限公司', area: '340221', unit: 'wanzhi' },
];

export interface InvestmentSeed {
  fund: FundKey;
  company: string;
  amount: Wan;
  on: string;
  round?: string;
  roundSize?: Wan;
  lead?: boolean;
  secondary?: boolean;
}

// Co-investments in one round: 辰光 C轮 (A + M), 启元 A轮 (B + B1), 凌云智驾 B轮 (A + D), 绘梦 B轮 (B + C).
export const investmentList: InvestmentSeed[] = [
  { fund: 'A', company: 'qingtian', amount: 3000, on: '2023-09-12', round: 'B轮', roundSize: 20000, lead: true },
  { fund: 'A', company: 'chenguang', amount: 2500, on: '2023-11-08', round: 'C轮', roundSize: 30000 },
  { fund: 'M', company: 'chenguang', amount: 2000, on: '2023-11-08', round: 'C轮', roundSize: 30000 },
  { fund: 'C', company: 'qingluan', amount: 2000, on: '2024-01-10', round: 'A轮', roundSize: 6000, lead: true },
  { fund: 'A', company: 'junkong', amount: 2000, on: '2024-01-16', round: 'A轮', roundSize: 8000, lead: true },
  { fund: 'B', company: 'zhitong', amount: 3000, on: '2023-12-06', round: 'B轮', roundSize: 20000, lead: true },
  { fund: 'B', company: 'lanzhou', amount: 2500, on: '2024-02-27', round: 'A轮', roundSize: 10000 },
  { fund: 'A', company: 'lingxi', amount: 1500, on: '2024-03-05', round: 'Pre-A轮' },
  { fund: 'C', company: 'mojing', amount: 2500, on: '2024-03-21', round: 'B轮', roundSize: 15000 },
  { fund: 'B', company: 'ruishi', amount: 2000, on: '2024-04-16', round: 'B+轮' },
  { fund: 'M', company: 'tianyi', amount: 3000, on: '2024-04-26', round: 'A轮', roundSize: 10000, lead: true },
  { fund: 'A', company: 'borui', amount: 1200, on: '2024-05-22', secondary: true },
  { fund: 'C', company: 'shenglang', amount: 1500, on: '2024-05-30', round: 'A轮' },
  { fund: 'B', company: 'lingjing', amount: 600, on: '2024-06-03', round: '天使轮', roundSize: 1500, lead: true },
  { fund: 'D', company: 'junneng', amount: 4000, on: '2024-06-18', round: 'B轮', roundSize: 30000, lead: true },
  { fund: 'A', company: 'hanhai', amount: 2000, on: '2024-07-10', round: 'B轮', roundSize: 15000 },
  { fund: 'D', company: 'chiyuan', amount: 3000, on: '2024-08-07', round: 'A轮', roundSize: 12000, lead: true },
  { fund: 'C', company: 'huiyun', amount: 1000, on: '2024-08-12', round: 'Pre-A轮', roundSize: 3000 },
  { fund: 'B', company: 'xingtu', amount: 1500, on: '2024-08-29', secondary: true },
  { fund: 'A', company: 'yunfan', amount: 1800, on: '2024-09-18', round: 'A+轮', roundSize: 6000 },
  { fund: 'D', company: 'ruiqing', amount: 2000, on: '2024-10-15', round: 'Pre-A轮' },
  { fund: 'C', company: 'guanghe', amount: 2000, on: '2024-10-23', round: 'B轮', roundSize: 10000 },
  { fund: 'B', company: 'qiyuan', amount: 2000, on: '2024-11-20', round: 'A轮', roundSize: 8000, lead: true },
  { fund: 'B1', company: 'qiyuan', amount: 500, on: '2024-11-20', round: 'A轮', roundSize: 8000 },
  { fund: 'B1', company: 'zhiwei', amount: 600, on: '2025-01-08', round: '天使轮', roundSize: 1500, lead: true },
  { fund: 'D', company: 'hengtong', amount: 2500, on: '2025-01-22', secondary: true },
  { fund: 'C', company: 'zhiyuan', amount: 1000, on: '2025-02-18', secondary: true },
  { fund: 'A', company: 'lingxiao', amount: 800, on: '2025-02-26', round: '天使轮', roundSize: 2000, lead: true },
  { fund: 'D', company: 'woneng', amount: 2500, on: '2025-03-06', round: 'A轮', roundSize: 10000 },
  { fund: 'B1', company: 'yanwu', amount: 400, on: '2025-03-19', round: '天使轮' },
  { fund: 'B', company: 'xinqing', amount: 2000, on: '2025-04-09', round: 'Pre-B轮', roundSize: 12000 },
  { fund: 'D', company: 'lingyun', amount: 3000, on: '2025-05-12', round: 'B轮', roundSize: 20000, lead: true },
  { fund: 'A', company: 'lingyun', amount: 1500, on: '2025-05-12', round: 'B轮', roundSize: 20000 },
  { fund: 'B1', company: 'liangzi', amount: 800, on: '2025-06-24', round: 'Pre-A轮', roundSize: 3000 },
  { fund: 'B', company: 'huimeng', amount: 1500, on: '2025-07-15', round: 'B轮', roundSize: 12000 },
  { fund: 'C', company: 'huimeng', amount: 1500, on: '2025-07-15', round: 'B轮', roundSize: 12000 },
  { fund: 'D', company: 'xinrui', amount: 2200, on: '2025-08-20', round: 'Pre-B轮', roundSize: 9000 },
  { fund: 'A', company: 'qingtian', amount: 1000, on: '2025-09-10', round: 'C轮', roundSize: 40000 },
  { fund: 'B1', company: 'shentong', amount: 300, on: '2025-10-15', round: '种子轮', roundSize: 800, lead: true },
];

export type FinalStage =
  | 'reported'
  | 'negotiating'
  | 'signed'
  | 'signed_old'
  | 'registered'
  | 'registered_old'
  | 'started'
  | 'completed'
  | 'producing'
  | 'dropped'
  | 'dropped_signed';

export type ChainNode = 'upstream' | 'midstream' | 'downstream';
export type ChainAction = 'fill' | 'extend' | 'strengthen';

/** Leads a fund brought through a company it invested in (the driving investment is the fund's own). */
export const linkedProjectList: {
  fund: FundKey;
  company: string;
  name: string;
  chain: string;
  node: ChainNode;
  action: ChainAction;
  planned: Wan;
  stage: FinalStage;
  landing?: UnitKey;
}[] = [
  {
    fund: 'A',
    company: 'qingtian',
    name: '擎天机器人二期扩产项目',
    chain: '机器人及智能装备',
    node: 'midstream',
    action: 'strengthen',
    planned: 60000,
    stage: 'started',
  },
  {
    fund: 'A',
    company: 'chenguang',
    name: '辰光智能装备华东制造基地',
    chain: '机器人及智能装备',
    node: 'midstream',
    action: 'strengthen',
    planned: 80000,
    stage: 'registered',
  },
  {
    fund: 'A',
    company: 'junkong',
    name: '钧控精密减速器芜湖生产基地',
    chain: '机器人及智能装备',
    node: 'upstream',
    action: 'fill',
    planned: 50000,
    stage: 'producing',
  },
  {
    fund: 'A',
    company: 'lingxi',
    name: '灵犀视觉检测设备研发生产项目',
    chain: '机器人及智能装备',
    node: 'midstream',
    action: 'fill',
    planned: 15000,
    stage: 'signed_old',
  },
  {
    fund: 'A',
    company: 'hanhai',
    name: '瀚海激光总部及激光装备产业园',
    chain: '机器人及智能装备',
    node: 'upstream',
    action: 'strengthen',
    planned: 80000,
    stage: 'completed',
  },
  {
    fund: 'A',
    company: 'yunfan',
    name: '云帆工业软件长三角交付中心',
    chain: '机器人及智能装备',
    node: 'downstream',
    action: 'extend',
    planned: 6000,
    stage: 'dropped',
  },
  {
    fund: 'B',
    company: 'lanzhou',
    name: '澜舟认知智能华东研发中心',
    chain: '人工智能',
    node: 'midstream',
    action: 'strengthen',
    planned: 20000,
    stage: 'started',
  },
  {
    fund: 'B',
    company: 'zhitong',
    name: '智瞳视觉芯片模组生产线',
    chain: '人工智能',
    node: 'upstream',
    action: 'fill',
    planned: 50000,
    stage: 'producing',
  },
  {
    fund: 'B',
    company: 'ruishi',
    name: '睿视智能安防终端生产项目',
    chain: '人工智能',
    node: 'downstream',
    action: 'extend',
    planned: 30000,
    stage: 'negotiating',
  },
  {
    fund: 'B',
    company: 'xinqing',
    name: '芯擎MEMS传感器封测项目',
    chain: '人工智能',
    node: 'upstream',
    action: 'fill',
    planned: 60000,
    stage: 'registered',
  },
  {
    fund: 'B1',
    company: 'liangzi',
    name: '量子视界具身智能研发中心',
    chain: '人工智能',
    node: 'midstream',
    action: 'extend',
    planned: 8000,
    stage: 'registered',
  },
  {
    fund: 'C',
    company: 'mojing',
    name: '墨境游戏芜湖研发中心',
    chain: '数字创意',
    node: 'midstream',
    action: 'strengthen',
    planned: 12000,
    stage: 'started',
  },
  {
    fund: 'C',
    company: 'guanghe',
    name: '光合数字影视虚拟拍摄基地',
    chain: '数字创意',
    node: 'midstream',
    action: 'extend',
    planned: 25000,
    stage: 'registered',
  },
  {
    fund: 'C',
    company: 'shenglang',
    name: '声浪音频内容制作基地',
    chain: '数字创意',
    node: 'upstream',
    action: 'fill',
    planned: 5000,
    stage: 'signed',
  },
  {
    fund: 'D',
    company: 'junneng',
    name: '钧能高镍正极材料芜湖基地',
    chain: '新能源汽车',
    node: 'upstream',
    action: 'fill',
    planned: 120000,
    stage: 'started',
  },
  {
    fund: 'D',
    company: 'chiyuan',
    name: '驰远电驱动总成生产项目',
    chain: '新能源汽车',
    node: 'midstream',
    action: 'strengthen',
    planned: 80000,
    stage: 'producing',
    landing: 'wetdz',
  },
  {
    fund: 'D',
    company: 'lingyun',
    name: '凌云智驾域控制器生产线',
    chain: '新能源汽车',
    node: 'midstream',
    action: 'extend',
    planned: 30000,
    stage: 'registered_old',
  },
  {
    fund: 'D',
    company: 'woneng',
    name: '沃能储能电池系统集成项目',
    chain: '新能源汽车',
    node: 'downstream',
    action: 'extend',
    planned: 60000,
    stage: 'signed',
  },
  {
    fund: 'D',
    company: 'xinrui',
    name: '新锐一体化压铸件项目',
    chain: '新能源汽车',
    node: 'midstream',
    action: 'fill',
    planned: 45000,
    stage: 'negotiating',
  },
  {
    fund: 'M',
    company: 'tianyi',
    name: '天翼低空飞行器总装基地',
    chain: '低空经济',
    node: 'midstream',
    action: 'fill',
    planned: 50000,
    stage: 'completed',
    landing: 'wanzhi',
  },
];

/** Final stages handed out to the generated leads of each fund, in this order before shuffling: every fund gets each kind. */
export const stagePattern: FinalStage[] = [
  'producing',
  'started',
  'registered',
  'signed_old',
  'negotiating',
  'dropped',
  'completed',
  'registered_old',
  'signed',
  'started',
  'negotiating',
  'reported',
  'producing',
  'dropped_signed',
  'registered',
  'started',
  'negotiating',
  'completed',
  'signed_old',
  'producing',
  'registered',
  'negotiating',
  'started',
  'dropped',
];

export interface ChainSeed {
  chain: string;
  products: [string, ChainNode, ChainAction][];
  industries: string[];
  /** 计划总投资 range in 万元. */
  planned: [Wan, Wan];
}

export const chains: Record<string, ChainSeed> = {
  robot: {
    chain: '机器人及智能装备',
    products: [
      ['精密减速器生产', 'upstream', 'fill'],
      ['伺服电机及驱动器', 'upstream', 'fill'],
      ['机器人控制器研发制造', 'upstream', 'strengthen'],
      ['协作机器人整机制造', 'midstream', 'strengthen'],
      ['焊接机器人工作站', 'downstream', 'extend'],
      ['智能产线系统集成', 'downstream', 'extend'],
      ['机器视觉检测设备', 'midstream', 'fill'],
      ['数控机床关键部件', 'upstream', 'fill'],
      ['移动机器人（AGV）制造', 'midstream', 'extend'],
    ],
    industries: ['精密机械', '智能装备', '自动化科技', '机器人', '传动科技'],
    planned: [3000, 30000],
  },
  ai: {
    chain: '人工智能',
    products: [
      ['智算中心', 'upstream', 'fill'],
      ['AI芯片封装测试', 'upstream', 'fill'],
      ['行业大模型研发', 'midstream', 'strengthen'],
      ['数据标注及训练基地', 'upstream', 'extend'],
      ['智能客服平台', 'downstream', 'extend'],
      ['具身智能机器人研发', 'downstream', 'extend'],
      ['智能传感器制造', 'upstream', 'fill'],
      ['工业视觉算法平台', 'midstream', 'strengthen'],
    ],
    industries: ['智能科技', '信息技术', '数据科技', '网络科技', '计算技术'],
    planned: [2000, 25000],
  },
  culture: {
    chain: '数字创意',
    products: [
      ['动漫原创内容制作', 'upstream', 'strengthen'],
      ['游戏研发中心', 'midstream', 'strengthen'],
      ['数字影视后期制作基地', 'midstream', 'extend'],
      ['沉浸式文旅演艺', 'downstream', 'extend'],
      ['文创产品设计与电商', 'downstream', 'fill'],
      ['虚拟拍摄棚', 'midstream', 'fill'],
      ['IP授权运营中心', 'downstream', 'extend'],
    ],
    industries: ['文化传媒', '数字科技', '影视文化', '文化创意', '网络科技'],
    planned: [1000, 12000],
  },
  auto: {
    chain: '新能源汽车',
    products: [
      ['动力电池正极材料', 'upstream', 'fill'],
      ['电池隔膜', 'upstream', 'fill'],
      ['电驱动总成', 'midstream', 'strengthen'],
      ['热管理系统', 'midstream', 'fill'],
      ['汽车线束', 'midstream', 'strengthen'],
      ['一体化压铸件', 'midstream', 'fill'],
      ['智能座舱电子', 'midstream', 'extend'],
      ['充换电设施', 'downstream', 'extend'],
      ['动力电池回收利用', 'downstream', 'extend'],
    ],
    industries: ['汽车零部件', '新能源科技', '电池材料', '汽车电子', '精密制造'],
    planned: [5000, 60000],
  },
  air: {
    chain: '低空经济',
    products: [
      ['无人机整机制造', 'midstream', 'fill'],
      ['航空复合材料', 'upstream', 'fill'],
      ['通航运营服务', 'downstream', 'extend'],
      ['eVTOL飞行器研发', 'midstream', 'extend'],
    ],
    industries: ['航空科技', '无人机', '智能飞行器'],
    planned: [5000, 40000],
  },
  material: {
    chain: '新材料',
    products: [
      ['高性能膜材料', 'upstream', 'fill'],
      ['特种玻璃', 'upstream', 'strengthen'],
      ['碳纤维复合材料', 'upstream', 'fill'],
      ['电子化学品', 'upstream', 'extend'],
    ],
    industries: ['新材料', '材料科技', '化工科技'],
    planned: [5000, 50000],
  },
};

/** How many generated leads each fund brought besides its investment-linked ones, and from which chains. */
export const generatedLeads: {
  fund: FundKey;
  count: number;
  chains: (keyof typeof chains)[];
  foreign: number;
  enclaves: number;
}[] = [
  { fund: 'A', count: 14, chains: ['robot'], foreign: 1, enclaves: 1 },
  { fund: 'B', count: 8, chains: ['ai'], foreign: 1, enclaves: 0 },
  { fund: 'B1', count: 6, chains: ['ai'], foreign: 0, enclaves: 0 },
  { fund: 'C', count: 9, chains: ['culture'], foreign: 1, enclaves: 1 },
  { fund: 'D', count: 12, chains: ['auto'], foreign: 2, enclaves: 2 },
  { fund: 'M', count: 4, chains: ['air', 'material'], foreign: 0, enclaves: 0 },
];

/** Where investor companies come from: a city name and a 区划 code that goes into their credit codes. */
export const cities: [string, string][] = [
  ['上海', '310115'],
  ['上海', '310112'],
  ['苏州', '320505'],
  ['深圳', '440305'],
  ['深圳', '440306'],
  ['杭州', '330108'],
  ['杭州', '330106'],
  ['合肥', '340104'],
  ['南京', '320115'],
  ['宁波', '330206'],
  ['无锡', '320214'],
  ['常州', '320412'],
  ['北京', '110108'],
  ['武汉', '420111'],
  ['广州', '440112'],
  ['成都', '510107'],
  ['西安', '610113'],
  ['芜湖', '340207'],
];

export const brandFirst = [
  '微',
  '辰',
  '钧',
  '瀚',
  '澜',
  '启',
  '擎',
  '灵',
  '睿',
  '卓',
  '恒',
  '锐',
  '博',
  '凯',
  '拓',
  '晟',
  '宸',
  '骏',
  '沃',
  '乾',
  '弘',
  '泓',
  '翊',
  '昱',
  '霆',
  '嘉',
  '铂',
  '越',
  '鼎',
  '峰',
];
export const brandSecond = [
  '驰',
  '光',
  '控',
  '海',
  '舟',
  '元',
  '天',
  '犀',
  '视',
  '通',
  '创',
  '达',
  '远',
  '泰',
  '川',
  '能',
  '源',
  '宇',
  '智',
  '新',
  '航',
  '科',
];

/** Foreign investors (外资): no 统一社会信用代码; their arrivals come in USD. */
export const foreignInvestors: Record<string, { name: string; brand: string }[]> = {
  robot: [
    { name: '德国克劳斯精密部件集团', brand: '克劳斯' },
    { name: '美国锐蓝自动化公司', brand: '锐蓝' },
  ],
  ai: [{ name: '新加坡星耀数据科技私人有限公司', brand: '星耀' }],
  culture: [{ name: '香港丰泽文化传媒有限公司', brand: '丰泽' }],
  auto: [
    { name: '日本丰和电装株式会社', brand: '丰和' },
    { name: '韩国大元汽车电子株式会社', brand: '大元' },
    { name: '德国海德曼汽车技术集团', brand: '海德曼' },
  ],
  air: [],
  material: [{ name: '日本东和化学株式会社', brand: '东和' }],
};

/** Leads from other channels (以商引商, 招商大使, 中介, 其他): not a fund's, but part of each unit's 招商 view. */
export const otherLeads: {
  sourceType: 'business' | 'ambassador' | 'agency' | 'other';
  introducer: string;
  unit: UnitKey;
  landing?: UnitKey;
  chain: keyof typeof chains;
}[] = [
  { sourceType: 'business', introducer: '链主企业芜湖瑞鹰汽车配套推荐', unit: 'wetdz', chain: 'auto' },
  { sourceType: 'business', introducer: '芜湖擎天机器人科技有限公司推荐', unit: 'jiujiang', chain: 'robot' },
  { sourceType: 'business', introducer: '上游供应商推介', unit: 'fanchang', chain: 'material' },
  { sourceType: 'ambassador', introducer: '招商大使 沈国华（上海）', unit: 'yijiang', chain: 'ai' },
  {
    sourceType: 'ambassador',
    introducer: '招商大使 林晓峰（深圳）',
    unit: 'jinghu',
    landing: 'wanzhi',
    chain: 'culture',
  },
  { sourceType: 'ambassador', introducer: '招商大使 周文斌（苏州）', unit: 'gaoxin', chain: 'robot' },
  { sourceType: 'agency', introducer: '长三角产业招商咨询中心', unit: 'wetdz', chain: 'auto' },
  { sourceType: 'agency', introducer: '皖江产业发展研究院', unit: 'wanzhi', chain: 'air' },
  { sourceType: 'agency', introducer: '长三角产业招商咨询中心', unit: 'yijiang', chain: 'material' },
  { sourceType: 'other', introducer: '芜湖市投资促进中心', unit: 'jiujiang', chain: 'ai' },
  { sourceType: 'other', introducer: '芜湖市投资促进中心', unit: 'fanchang', chain: 'auto' },
  { sourceType: 'other', introducer: '安徽省投资促进局转办', unit: 'gaoxin', chain: 'material' },
];

export const dropReasons = [
  '企业选址改至外省',
  '投资方资金链紧张，项目暂缓',
  '用地指标未能落实',
  '企业战略调整，取消扩产计划',
  '被其他地区以更优政策引走',
  '环评未获通过',
];

export const stageNotes: Record<string, string[]> = {
  negotiating: ['企业高管来芜实地考察', '双方开展多轮洽谈', '完成项目初步方案对接'],
  signed: ['签订投资协议', '签订正式投资合同', '在招商推介会上集中签约'],
  registered: ['完成工商注册，设立项目公司', '项目公司取得营业执照'],
  started: ['项目开工建设', '完成土地摘牌并开工'],
  completed: ['主体工程竣工验收', '厂房竣工并完成设备安装'],
  producing: ['首条产线投产', '项目正式投产运营'],
};

/**
 * Yearly goals (目标) of 2026, set by the platform for funds and units: cumulative figures, and the period figures of
 * the 擂台赛 with their weights (权重; default 1) — within each peer group (县区, 开发园区) some units run ahead of
 * 序时进度 and some fall behind, so the 通报 has a 红榜 and a 黑榜.
 */
export const targetList: { fund?: FundKey; unit?: UnitKey; metric: string; value: string; weight?: string }[] = [
  { unit: 'wuhu', metric: 'signed', value: '30' },
  { unit: 'jiujiang', metric: 'signed', value: '30', weight: '2' },
  { unit: 'jiujiang', metric: 'signedPlanned', value: '6000000000' },
  { unit: 'jiujiang', metric: 'arrived', value: '2500000000' },
  { unit: 'jinghu', metric: 'signed', value: '3', weight: '2' },
  { unit: 'jinghu', metric: 'arrived', value: '20000000' },
  { unit: 'yijiang', metric: 'newLeads', value: '2' },
  { unit: 'yijiang', metric: 'signed', value: '2' },
  { unit: 'wanzhi', metric: 'signed', value: '1', weight: '2' },
  { unit: 'wanzhi', metric: 'started', value: '1' },
  { unit: 'wanzhi', metric: 'arrived', value: '30000000' },
  { unit: 'fanchang', metric: 'newLeads', value: '2' },
  { unit: 'fanchang', metric: 'signed', value: '1', weight: '2' },
  { unit: 'wetdz', metric: 'newLeads', value: '5' },
  { unit: 'jjkfq', metric: 'signed', value: '5', weight: '2' },
  { unit: 'jjkfq', metric: 'signedPlanned', value: '1000000000' },
  { unit: 'jjkfq', metric: 'started', value: '1', weight: '0.5' },
  { unit: 'gaoxin', metric: 'newLeads', value: '2' },
  { unit: 'gaoxin', metric: 'signed', value: '1' },
  { unit: 'gaoxin', metric: 'bigSigned', value: '1', weight: '0' },
  { fund: 'A', metric: 'signedPlanned', value: '1500000000' },
  { fund: 'B', metric: 'arrived', value: '500000000', weight: '2' },
  { fund: 'M', metric: 'outcomes.landed', value: '40' },
  { fund: 'A', metric: 'outcomes.landed', value: '12' },
  { fund: 'B', metric: 'outcomes.landed', value: '8' },
  { fund: 'C', metric: 'reinvestment.rate', value: '0.5' },
  { fund: 'D', metric: 'outcomes.leads', value: '20' },
  { unit: 'jiujiang', metric: 'outcomes.reached.signed', value: '45' },
  { unit: 'jiujiang', metric: 'outcomes.rates.registration', value: '0.75' },
  { unit: 'wetdz', metric: 'outcomes.reached.signed', value: '10' },
];

/** Leads fund managers submitted themselves: staff confirm some, reject one, and leave the rest pending (待认定). */
export const managerLeads: {
  by: 'manager-ai' | 'manager-culture';
  fund: FundKey;
  name: string;
  company: { name: string; area: string };
  chain: keyof typeof chains;
  node: ChainNode;
  action: ChainAction;
  planned: Wan;
  reportedOn: string;
  fate: 'confirmed' | 'pending' | 'rejected';
  reason?: string;
  milestones: [string, string][];
  arrival?: [Wan, string];
}[] = [
  {
    by: 'manager-ai',
    fund: 'B',
    name: '芯联智算边缘计算服务器生产项目',
    company: { name: '苏州芯联智算科技有限公司', area: '320505' },
    chain: 'ai',
    node: 'upstream',
    action: 'fill',
    planned: 40000,
    reportedOn: '2026-03-12',
    fate: 'confirmed',
    milestones: [
      ['negotiating', '2026-04-02'],
      ['signed', '2026-07-18'],
      ['registered', '2026-09-25'],
    ],
    arrival: [4000, '2026-10-15'],
  },
  {
    by: 'manager-ai',
    fund: 'B',
    name: '知行大模型行业应用创新中心',
    company: { name: '杭州知行智能科技有限公司', area: '330108' },
    chain: 'ai',
    node: 'midstream',
    action: 'strengthen',
    planned: 8000,
    reportedOn: '2026-09-08',
    fate: 'pending',
    milestones: [['negotiating', '2026-10-12']],
  },
  {
    by: 'manager-ai',
    fund: 'B1',
    name: '视界光学AR眼镜模组项目',
    company: { name: '深圳视界光学科技有限公司', area: '440306' },
    chain: 'ai',
    node: 'downstream',
    action: 'extend',
    planned: 12000,
    reportedOn: '2026-05-20',
    fate: 'rejected',
    reason: '经核实，项目投资方与本基金无投资或引荐关系，不属于基金招引项目',
    milestones: [],
  },
  {
    by: 'manager-ai',
    fund: 'B1',
    name: '元象数字人内容生产平台',
    company: { name: '上海元象数字科技有限公司', area: '310115' },
    chain: 'ai',
    node: 'downstream',
    action: 'extend',
    planned: 3000,
    reportedOn: '2026-06-15',
    fate: 'confirmed',
    milestones: [['negotiating', '2026-07-03']],
  },
  {
    by: 'manager-culture',
    fund: 'C',
    name: '云裳非遗数字化保护与文创开发项目',
    company: { name: '苏州云裳文化创意有限公司', area: '320505' },
    chain: 'culture',
    node: 'downstream',
    action: 'fill',
    planned: 6000,
    reportedOn: '2026-02-26',
    fate: 'confirmed',
    milestones: [
      ['negotiating', '2026-03-20'],
      ['signed', '2026-06-30'],
    ],
  },
  {
    by: 'manager-culture',
    fund: 'C',
    name: '长江夜游沉浸式演艺项目',
    company: { name: '武汉光影文旅科技有限公司', area: '420111' },
    chain: 'culture',
    node: 'downstream',
    action: 'extend',
    planned: 15000,
    reportedOn: '2026-08-19',
    fate: 'pending',
    milestones: [['negotiating', '2026-09-10']],
  },
  {
    by: 'manager-culture',
    fund: 'C',
    name: '鸠兹古镇数字文旅综合体',
    company: { name: '南京青禾文旅发展有限公司', area: '320115' },
    chain: 'culture',
    node: 'downstream',
    action: 'extend',
    planned: 30000,
    reportedOn: '2026-10-20',
    fate: 'pending',
    milestones: [],
  },
];

export type CreditCategory = 'local_company' | 'relocated' | 'local_subsidiary' | 'sourced_project' | 'secondary';

/**
 * 返投认定. The subject is a portfolio company (`company`), the investment-linked lead of a portfolio company
 * (`project`), or the first generated lead of the fund that landed without an investment (`sourced`).
 */
export const creditList: {
  fund: FundKey;
  company?: string;
  project?: string;
  sourced?: true;
  category: CreditCategory;
  amount: Wan;
  status: 'approved' | 'pending' | 'rejected';
  by?: 'manager-ai' | 'manager-culture';
  evidence: string;
  reason?: string;
  /** Which of the company's investments by this fund the credit follows (0 = the first). */
  nth?: number;
}[] = [
  {
    fund: 'A',
    company: 'qingtian',
    category: 'local_company',
    amount: 3000,
    status: 'approved',
    evidence: '营业执照（注册地鸠江区）及 B 轮投资协议',
  },
  {
    fund: 'A',
    company: 'qingtian',
    category: 'local_company',
    amount: 1000,
    status: 'approved',
    evidence: 'C 轮跟投协议及出资凭证',
    nth: 1,
  },
  {
    fund: 'A',
    company: 'hanhai',
    category: 'local_company',
    amount: 2000,
    status: 'approved',
    evidence: '鸠江区子公司营业执照及投资协议',
  },
  // The same subject upgraded to 迁入本地 once its registered seat moved: only the difference adds.
  {
    fund: 'A',
    company: 'hanhai',
    category: 'relocated',
    amount: 2000,
    status: 'approved',
    evidence: '工商变更登记：注册地由合肥市蜀山区迁入鸠江区',
  },
  {
    fund: 'A',
    company: 'borui',
    category: 'secondary',
    amount: 1200,
    status: 'approved',
    evidence: '老股转让协议及工商变更登记',
  },
  {
    fund: 'A',
    company: 'lingxiao',
    category: 'local_company',
    amount: 800,
    status: 'approved',
    evidence: '营业执照（注册地湾沚区）及天使轮投资协议',
  },
  {
    fund: 'A',
    project: 'junkong',
    category: 'local_subsidiary',
    amount: 2000,
    status: 'approved',
    evidence: '钧控精密传动（芜湖）有限公司营业执照及出资证明',
  },
  {
    fund: 'A',
    project: 'chenguang',
    category: 'local_subsidiary',
    amount: 2500,
    status: 'pending',
    evidence: '辰光智能装备（芜湖）有限公司营业执照',
  },
  {
    fund: 'A',
    sourced: true,
    category: 'sourced_project',
    amount: 5000,
    status: 'approved',
    evidence: '管理人引荐函及项目签约文件',
  },
  {
    fund: 'A',
    company: 'yunfan',
    category: 'local_company',
    amount: 1800,
    status: 'rejected',
    evidence: 'A+ 轮投资协议',
    reason: '企业注册地在杭州市，未在本区设立法人主体，不符合本地注册企业认定条件',
  },
  {
    fund: 'B',
    company: 'qiyuan',
    category: 'local_company',
    amount: 2000,
    status: 'approved',
    evidence: '营业执照（注册地鸠江区）及 A 轮投资协议',
  },
  {
    fund: 'B',
    company: 'lingjing',
    category: 'local_company',
    amount: 600,
    status: 'approved',
    evidence: '营业执照（注册地鸠江经济开发区）',
  },
  {
    fund: 'B',
    company: 'zhitong',
    category: 'relocated',
    amount: 2000,
    status: 'approved',
    evidence: '工商变更登记：注册地由合肥市蜀山区迁入鸠江区',
  },
  {
    fund: 'B',
    project: 'lanzhou',
    category: 'local_subsidiary',
    amount: 2500,
    status: 'approved',
    evidence: '澜舟认知智能（芜湖）有限公司营业执照',
  },
  { fund: 'B', company: 'xingtu', category: 'secondary', amount: 1500, status: 'approved', evidence: '老股转让协议' },
  {
    fund: 'B',
    sourced: true,
    category: 'sourced_project',
    amount: 2000,
    status: 'approved',
    evidence: '管理人引荐函及项目投资协议',
  },
  {
    fund: 'B',
    project: 'xinqing',
    category: 'local_subsidiary',
    amount: 2000,
    status: 'pending',
    by: 'manager-ai',
    evidence: '芯擎传感（芜湖）有限公司营业执照及实缴凭证',
  },
  {
    fund: 'B1',
    company: 'qiyuan',
    category: 'local_company',
    amount: 500,
    status: 'approved',
    evidence: 'A 轮跟投协议',
  },
  {
    fund: 'B1',
    company: 'zhiwei',
    category: 'local_company',
    amount: 600,
    status: 'approved',
    evidence: '营业执照（注册地鸠江区）',
  },
  {
    fund: 'B1',
    company: 'yanwu',
    category: 'local_company',
    amount: 400,
    status: 'approved',
    evidence: '营业执照（注册地鸠江经济开发区）',
  },
  {
    fund: 'B1',
    company: 'shentong',
    category: 'local_company',
    amount: 300,
    status: 'pending',
    by: 'manager-ai',
    evidence: '营业执照及种子轮投资协议',
  },
  {
    fund: 'B1',
    project: 'liangzi',
    category: 'local_subsidiary',
    amount: 800,
    status: 'approved',
    evidence: '量子视界（芜湖）科技有限公司营业执照',
  },
  {
    fund: 'C',
    company: 'qingluan',
    category: 'local_company',
    amount: 2000,
    status: 'approved',
    evidence: '营业执照（注册地鸠江区）及 A 轮投资协议',
  },
  {
    fund: 'C',
    company: 'huiyun',
    category: 'local_company',
    amount: 1000,
    status: 'approved',
    evidence: '营业执照（注册地镜湖区）',
  },
  {
    fund: 'C',
    project: 'mojing',
    category: 'local_subsidiary',
    amount: 2500,
    status: 'approved',
    evidence: '墨境游戏（芜湖）有限公司营业执照',
  },
  { fund: 'C', company: 'zhiyuan', category: 'secondary', amount: 1000, status: 'approved', evidence: '老股转让协议' },
  {
    fund: 'C',
    company: 'shenglang',
    category: 'relocated',
    amount: 1500,
    status: 'pending',
    by: 'manager-culture',
    evidence: '工商变更登记：注册地由上海市静安区迁入鸠江区',
  },
  {
    fund: 'C',
    project: 'guanghe',
    category: 'local_subsidiary',
    amount: 2000,
    status: 'pending',
    by: 'manager-culture',
    evidence: '光合数字影视（芜湖）有限公司营业执照',
  },
  {
    fund: 'D',
    company: 'ruiqing',
    category: 'local_company',
    amount: 2000,
    status: 'approved',
    evidence: '营业执照（注册地鸠江区）',
  },
  {
    fund: 'D',
    project: 'junneng',
    category: 'local_subsidiary',
    amount: 4000,
    status: 'approved',
    evidence: '钧能电池材料（芜湖）有限公司营业执照',
  },
  { fund: 'D', company: 'hengtong', category: 'secondary', amount: 2500, status: 'approved', evidence: '老股转让协议' },
  {
    fund: 'M',
    company: 'tianyi',
    category: 'local_company',
    amount: 3000,
    status: 'approved',
    evidence: '营业执照（注册地湾沚区）及 A 轮投资协议',
  },
];

// ---- 业绩与投向 (SPEC §8) -----------------------------------------------------------------------------------------

/** 高新技术企业 / 专精特新 / 中小企业 / 民营, as the platform recorded them for the investees. */
export const investeeFlags: Record<
  string,
  { hightech?: boolean; specialized?: boolean; sme?: boolean; private?: boolean }
> = {
  qingtian: { hightech: true, specialized: true, private: true },
  chenguang: { hightech: true, private: true },
  junkong: { specialized: true, sme: true, private: true },
  lingxi: { hightech: true, sme: true, private: true },
  borui: { sme: true, private: true },
  hanhai: { hightech: true, specialized: true, sme: true, private: true },
  yunfan: { hightech: true, sme: true, private: true },
  lingxiao: { hightech: true, sme: true, private: true },
  zhitong: { hightech: true, private: true },
  lanzhou: { hightech: true, sme: true, private: true },
  qiyuan: { hightech: true },
  ruishi: { hightech: true, sme: true, private: true },
  lingjing: { sme: true, private: true },
  xingtu: { sme: true, private: true },
  zhiwei: { hightech: true, sme: true, private: true },
  qingluan: { sme: true, private: true },
  mojing: { private: true },
  shenglang: { sme: true, private: true },
  huiyun: { sme: true },
  guanghe: { hightech: true, private: true },
  zhiyuan: { sme: true, private: true },
  junneng: { hightech: true, specialized: true, private: true },
  chiyuan: { specialized: true, sme: true, private: true },
  ruiqing: { hightech: true, specialized: true, sme: true, private: true },
  hengtong: { specialized: true, private: true },
  tianyi: { hightech: true, sme: true },
};

/** 分配: what each fund paid back to all its LPs (万元). */
export const distributionList: { fund: FundKey; amount: Wan; on: string; kind: 'return_of_capital' | 'income' }[] = [
  { fund: 'A', amount: 1800, on: '2025-06-30', kind: 'return_of_capital' },
  { fund: 'A', amount: 450, on: '2025-12-20', kind: 'income' },
  { fund: 'C', amount: 300, on: '2025-09-30', kind: 'income' },
  { fund: 'B', amount: 800, on: '2026-03-31', kind: 'return_of_capital' },
  { fund: 'C', amount: 1300, on: '2026-05-15', kind: 'return_of_capital' },
  { fund: 'M', amount: 1000, on: '2026-09-30', kind: 'return_of_capital' },
];

/**
 * 估值: the GPs' NAV reports, as a multiple of the fund's paid-in on the report date (the seed turns it into 万元),
 * so the demo's TVPI and IRR stay plausible whatever the capital calls above.
 */
export const valuationList: { fund: FundKey; on: string; ofPaidIn: number }[] = [
  { fund: 'M', on: '2024-12-31', ofPaidIn: 1.0 },
  { fund: 'M', on: '2025-12-31', ofPaidIn: 1.04 },
  { fund: 'M', on: '2026-06-30', ofPaidIn: 1.07 },
  { fund: 'A', on: '2024-12-31', ofPaidIn: 1.02 },
  { fund: 'A', on: '2025-12-31', ofPaidIn: 1.08 },
  { fund: 'A', on: '2026-06-30', ofPaidIn: 1.12 },
  { fund: 'B', on: '2024-12-31', ofPaidIn: 0.97 },
  { fund: 'B', on: '2025-12-31', ofPaidIn: 1.05 },
  { fund: 'B', on: '2026-06-30', ofPaidIn: 1.09 },
  { fund: 'B1', on: '2025-12-31', ofPaidIn: 0.95 },
  { fund: 'B1', on: '2026-06-30', ofPaidIn: 1.01 },
  { fund: 'C', on: '2024-12-31', ofPaidIn: 0.99 },
  { fund: 'C', on: '2025-12-31', ofPaidIn: 0.96 },
  { fund: 'C', on: '2026-06-30', ofPaidIn: 0.92 },
  { fund: 'D', on: '2025-12-31', ofPaidIn: 1.03 },
  { fund: 'D', on: '2026-06-30', ofPaidIn: 1.06 },
];

/** 退出: investments the funds left (万元). */
export const exitList: { fund: FundKey; company: string; on: string; proceeds: Wan }[] = [
  { fund: 'A', company: 'borui', on: '2025-05-20', proceeds: 1800 },
  { fund: 'C', company: 'zhiyuan', on: '2026-04-15', proceeds: 1300 },
];

/** The platform's own thresholds for its 投向 self-check (not an official score). */
export const thresholdList: { indicator: string; comparison: 'gte' | 'lte'; value: string; label: string }[] = [
  { indicator: 'paidRatio', comparison: 'gte', value: '0.5', label: '出资到位过半' },
  { indicator: 'idleShare', comparison: 'lte', value: '0.3', label: '闲置资金不超过三成' },
  { indicator: 'socialShare', comparison: 'gte', value: '0.3', label: '社会资本不低于三成' },
  { indicator: 'earlyShare', comparison: 'gte', value: '0.3', label: '投早不低于三成' },
  { indicator: 'techShare', comparison: 'gte', value: '0.5', label: '投科技过半' },
  { indicator: 'tvpi', comparison: 'gte', value: '1', label: '不亏损' },
  { indicator: 'irr', comparison: 'gte', value: '0.03', label: '年化不低于 3%' },
  {
    indicator: 'reinvestmentMultiple',
    comparison: 'lte',
    value: '1',
    label: '返投倍数不高于 1 倍（2025 年起鼓励降低）',
  },
];
