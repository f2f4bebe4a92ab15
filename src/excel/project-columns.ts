import {
  arrivalKindNames,
  chainActionNames,
  chainNodeNames,
  sourceTypeNames,
  milestoneStages,
  stageNames,
} from '../domain/vocabulary';
import { creditCodeCheckChar } from '../domain/credit-code';
import type { AmountUnit } from '../domain/money';

/**
 * The columns of a project sheet: what the import reads, the template offers and the export writes. One table, so
 * an exported sheet imports back unchanged. Money columns are in 万元, as every screen is; each reads its unit from
 * the header, "（万元）" or "（元）" (older templates), and a header naming none counts in 万元.
 */
export type ColumnKind = 'text' | 'money' | 'date' | 'enum' | 'bool' | 'fund' | 'unit' | 'int' | 'arrivals' | 'info';

export interface ProjectColumn {
  key: string;
  /** The header as the template and the export write it (money columns in 万元). */
  header: string;
  /** Other spellings the import accepts (compared without spaces, punctuation or the unit). */
  aliases?: string[];
  kind: ColumnKind;
  required?: boolean;
  /** Code → Chinese label, for enum columns. */
  labels?: Record<string, string>;
  help: string;
  /** The two example rows of the template. */
  examples: [string | number | null, string | number | null];
  width: number;
}

/** Stages recorded as one date column each, in order, then 终止. */
export const stageColumns = milestoneStages.map((s) => [s, `${stageNames[s]}日期`] as const);

const exampleCode = (first17: string) => first17 + (creditCodeCheckChar(first17) ?? '');

export const projectColumns: ProjectColumn[] = [
  {
    key: 'projectId',
    header: '项目编号',
    kind: 'info',
    width: 8,
    help: '导出时填写的 touyin 项目编号，仅供对照；导入时忽略（每行都新建项目）。',
    examples: [null, null],
  },
  {
    key: 'name',
    header: '项目名称',
    kind: 'text',
    required: true,
    width: 26,
    help: '项目名称，最多 200 字。',
    examples: ['（示例）新能源电池材料华东基地', '（示例）智能座舱研发中心'],
  },
  {
    key: 'companyName',
    header: '企业名称',
    aliases: ['投资企业', '投资方企业'],
    kind: 'text',
    width: 26,
    help: '投资方企业全称。已登记的企业按信用代码（无代码时按名称）自动关联，未登记的新建。同一企业只能有一个在办项目（首报原则）。',
    examples: ['（示例）芜湖某新材料有限公司', '（示例）某智能科技有限公司'],
  },
  {
    key: 'creditCode',
    header: '统一社会信用代码',
    aliases: ['信用代码'],
    kind: 'text',
    width: 22,
    help: '18 位，按 GB 32100-2015 校验；填写时必须同时填写企业名称。',
    examples: [exampleCode('91340207MA2N0A000'), null],
  },
  {
    key: 'sourceType',
    header: '来源类型',
    kind: 'enum',
    required: true,
    labels: sourceTypeNames,
    width: 11,
    help: '项目从哪里来。填中文或英文代码均可。',
    examples: ['基金招引', '以商引商'],
  },
  {
    key: 'sourceFund',
    header: '来源基金',
    kind: 'fund',
    width: 24,
    help: '填基金编号或基金全称（须完全一致）。来源类型为“基金招引”时必填；基金管理人只能填写本基金或其下级基金。',
    examples: ['（示例）智能制造产业子基金', null],
  },
  {
    key: 'investmentId',
    header: '驱动投资编号',
    aliases: ['驱动投资'],
    kind: 'int',
    width: 10,
    help: '带来该项目的基金投资的编号（可选），须属于来源基金或其上下级基金。',
    examples: [null, null],
  },
  {
    key: 'introducer',
    header: '引荐人',
    kind: 'text',
    width: 10,
    help: '可选，最多 100 字。',
    examples: ['张三', null],
  },
  {
    key: 'reportedOn',
    header: '报送日期',
    kind: 'date',
    required: true,
    width: 12,
    help: '日期，如 2024-01-10（也可写 2024/1/10 或 2024年1月10日，或用 Excel 日期单元格），不能晚于今天。',
    examples: ['2024-01-10', '2024-06-01'],
  },
  {
    key: 'plannedTotal',
    header: '计划总投资（万元）',
    kind: 'money',
    required: true,
    width: 16,
    help: '金额，单位万元，换算成元后最多两位小数，不能为负；也可写明单位，如 100万、1.5亿、1,234.56元。按元填写整列时，把表头改为“计划总投资（元）”。',
    examples: [30000, 8000],
  },
  {
    key: 'plannedFixedAsset',
    header: '计划固定资产投资（万元）',
    kind: 'money',
    width: 16,
    help: '可选，单位同上，不能大于计划总投资。',
    examples: [20000, null],
  },
  {
    key: 'foreign',
    header: '是否外资',
    aliases: ['外资'],
    kind: 'bool',
    width: 9,
    help: '是 / 否（留空为否）。',
    examples: ['否', '否'],
  },
  {
    key: 'chain',
    header: '产业链',
    kind: 'text',
    width: 12,
    help: '可选，如 新能源汽车、集成电路，最多 50 字。',
    examples: ['新能源汽车', '智能网联汽车'],
  },
  {
    key: 'chainNode',
    header: '产业链环节',
    aliases: ['链上环节', '环节'],
    kind: 'enum',
    labels: chainNodeNames,
    width: 10,
    help: '可选。',
    examples: ['中游', '下游'],
  },
  {
    key: 'chainAction',
    header: '补链延链强链',
    aliases: ['补链/延链/强链', '链上作用', '补延强'],
    kind: 'enum',
    labels: chainActionNames,
    width: 10,
    help: '可选。',
    examples: ['补链', '强链'],
  },
  {
    key: 'introducingUnit',
    header: '招引单位',
    kind: 'unit',
    required: true,
    width: 14,
    help: '填单位编号或单位全称（须完全一致）。',
    examples: ['（示例）鸠江区', '（示例）鸠江区'],
  },
  {
    key: 'landingUnit',
    header: '落地单位',
    kind: 'unit',
    required: true,
    width: 14,
    help: '填单位编号或单位全称（须完全一致）；飞地项目与招引单位不同。',
    examples: ['（示例）鸠江区', '（示例）鸠江区'],
  },
  {
    key: 'stage',
    header: '当前阶段',
    kind: 'info',
    width: 9,
    help: '导出时填写，仅供阅读；导入时忽略（阶段由各节点日期决定）。',
    examples: [null, null],
  },
  {
    key: 'status',
    header: '审核状态',
    kind: 'info',
    width: 9,
    help: '导出时填写，仅供阅读；导入时忽略：平台工作人员导入的项目为已认定，基金管理人导入的为待认定。',
    examples: [null, null],
  },
  ...stageColumns.map(([stage, header]): ProjectColumn => ({
    key: stage,
    header,
    kind: 'date',
    width: 12,
    help:
      stage === 'dropped'
        ? '项目终止的日期（可选），填写时必须填写终止原因。'
        : `到达“${header.slice(0, 2)}”节点的日期（可选）。不早于报送日期、不晚于今天。未填写前面节点的，按后面节点的日期视为已到达（如只填注册日期，视为同日签约）。`,
    examples: (
      {
        negotiating: ['2024-02-01', null],
        signed: ['2024-03-01', '2024-07-01'],
        registered: ['2024-04-15', null],
      } as Record<string, [string | null, string | null]>
    )[stage] ?? [null, null],
  })),
  {
    key: 'dropReason',
    header: '终止原因',
    kind: 'text',
    width: 16,
    help: '填写终止日期时必填，最多 500 字。',
    examples: [null, null],
  },
  {
    key: 'arrivalAmount',
    header: '到资金额（万元）',
    kind: 'money',
    width: 15,
    help: '一笔到资的金额（可选），单位万元（表头改为“到资金额（元）”时按元读取）。须与到资日期同时填写；到资日期不能早于签约（到资前项目须已签约）。',
    examples: [6000, null],
  },
  {
    key: 'arrivalOn',
    header: '到资日期',
    kind: 'date',
    width: 12,
    help: '这笔到资的日期。',
    examples: ['2024-05-01', null],
  },
  {
    key: 'arrivalKind',
    header: '到资类型',
    kind: 'enum',
    labels: arrivalKindNames,
    width: 12,
    help: '留空为固定资产投资。外资须填写到资币种与原币金额。',
    examples: ['固定资产投资', null],
  },
  {
    key: 'arrivalCurrency',
    header: '到资币种',
    kind: 'text',
    width: 9,
    help: '外资到资的原币种，3 位大写字母代码，如 USD。',
    examples: [null, null],
  },
  {
    key: 'arrivalOriginal',
    header: '原币金额',
    kind: 'text',
    width: 12,
    help: '外资到资的原币金额，非负小数，最多 4 位小数。',
    examples: [null, null],
  },
  {
    key: 'arrivals',
    header: '到资记录（万元）',
    aliases: ['到资明细'],
    kind: 'arrivals',
    width: 36,
    help:
      '一个项目有多笔到资时，全部写在这一格：每笔“金额@日期”，可加“@类型”（外资再加“@币种@原币金额”），多笔之间用分号隔开，' +
      '如 6000@2024-05-01;4000@2024-09-01@流动资金。金额单位为万元（表头为“到资记录（元）”时按元）。可与上面的单笔到资列同时使用，合计为全部到资。',
    examples: [null, '2000@2024-08-01;1000@2024-09-01@流动资金'],
  },
  {
    key: 'arrivedTotal',
    header: '到资合计（万元）',
    kind: 'info',
    width: 14,
    help: '导出时填写的已认定到资合计，仅供阅读；导入时忽略。',
    examples: [null, null],
  },
];

export const columnByKey = new Map(projectColumns.map((c) => [c.key, c]));

/** A header or label as compared: NFKC (全角→半角), no spaces, no punctuation, no required mark, lower case. */
export function normalizeLabel(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

/** The unit a money column counts bare numbers in (its header says “（元）” or “（万元）”). */
export type MoneyUnit = AmountUnit;

/** Splits "计划总投资（元）" into the column it names and the unit it declares (万元 when none is written). */
export function parseHeader(raw: string): { column: ProjectColumn | null; unit: MoneyUnit } {
  const text = raw.normalize('NFKC').trim();
  const unitMatch = /\((万元|元)\)\s*$/.exec(text);
  const unit: MoneyUnit = unitMatch?.[1] === '元' ? 'yuan' : 'wan';
  const base = normalizeLabel(unitMatch ? text.slice(0, unitMatch.index) : text);
  for (const column of projectColumns) {
    const names = [column.header, ...(column.aliases ?? [])].map((n) =>
      normalizeLabel(n.replace(/[(（][^()（）]*[)）]\s*$/, '')),
    );
    if (names.includes(base)) return { column, unit };
  }
  return { column: null, unit };
}

/** The code an enum cell names, by code or Chinese label; null when it names none. */
export function enumCode<K extends string>(labels: Record<K, string>, cell: string): K | null {
  const wanted = normalizeLabel(cell);
  for (const [code, label] of Object.entries(labels) as [K, string][]) {
    if (normalizeLabel(code) === wanted || normalizeLabel(label) === wanted) return code;
  }
  return null;
}
