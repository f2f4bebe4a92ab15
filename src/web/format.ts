import { Dec } from '../domain/decimal';
import { periodMetricLabels } from '../domain/assessment';

/** "123456789.00" 元 → "1.23 亿元" or "12,345.68 万元": how leadership reads money. Display only. */
export function money(yuan: string | null | undefined): string {
  if (yuan === null || yuan === undefined) return '—';
  const v = new Dec(yuan);
  if (v.abs().gte(1e8)) return `${group(v.div(1e8).toFixed(2))} 亿元`;
  return `${group(v.div(1e4).toFixed(2))} 万元`;
}

/** "123456789.00" 元 → "12,345.68" (万元, for tables whose header names the unit). */
export function wan(yuan: string | null | undefined): string {
  return yuan === null || yuan === undefined ? '—' : group(new Dec(yuan).div(1e4).toFixed(2));
}

/** A 4-place ratio as a percentage, "0.3158" → "31.58%". */
export function pct(ratio: string | null | undefined): string {
  return ratio === null || ratio === undefined ? '—' : `${new Dec(ratio).mul(100).toFixed(2)}%`;
}

/** A 4-place ratio as a multiple, "4.0000" → "4.00 倍". */
export function times(ratio: string | null | undefined): string {
  return ratio === null || ratio === undefined ? '—' : `${new Dec(ratio).toFixed(2)} 倍`;
}

function group(fixed: string): string {
  const [int = '0', frac] = fixed.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}

export const stageNames: Record<string, string> = {
  reported: '已报送',
  negotiating: '洽谈',
  signed: '签约',
  registered: '注册',
  started: '开工',
  completed: '竣工',
  producing: '投产',
  dropped: '终止',
};
export const statusNames: Record<string, string> = { pending: '待认定', confirmed: '已认定', rejected: '已退回', approved: '已认定' };
export const levelNames: Record<string, string> = { mother: '母基金', sub: '子基金', direct: '直投基金' };
export const roleNames: Record<string, string> = { admin: '管理员', staff: '平台工作人员', manager: '基金管理人', leader: '领导' };
export const investorTypeNames: Record<string, string> = { fiscal: '财政资金', soe: '国资', social: '社会资本', fund: '基金出资' };
export const sourceTypeNames: Record<string, string> = { fund: '基金招引', business: '以商引商', ambassador: '招商大使', agency: '中介/委托', other: '其他' };
export const categoryNames: Record<string, string> = {
  local_company: '本地注册企业',
  relocated: '迁入本地',
  local_subsidiary: '本地子公司/新增项目',
  sourced_project: '引荐未投项目',
  secondary: '受让老股',
};
export const chainNodeNames: Record<string, string> = { upstream: '上游', midstream: '中游', downstream: '下游' };
export const chainActionNames: Record<string, string> = { fill: '补链', extend: '延链', strengthen: '强链' };
export const arrivalKindNames: Record<string, string> = { fixed_asset: '固定资产投资', working: '流动资金', fdi: '外资' };
export const boardNames: Record<string, string> = { red: '红榜', black: '黑榜' };
export const viewNames: Record<string, string> = { introducing: '招引口径', landing: '落地口径' };
/** Target metrics in Chinese: the period figures (SPEC §7) and the fund metrics a target may name. */
const targetMetricNames: Record<string, string> = {
  ...periodMetricLabels,
  'capital.committed': '认缴规模',
  'capital.paidIn': '实缴',
  'capital.invested': '已投资',
  'leverage.fiscal': '财政放大倍数',
  'leverage.investment': '带动投资倍数',
  'reinvestment.rate': '返投完成率',
  'outcomes.leads': '项目线索（累计）',
  'outcomes.reached.signed': '签约项目（累计）',
  'outcomes.landed': '落地项目（累计）',
  'outcomes.plannedTotal': '计划总投资（累计）',
  'outcomes.arrived': '实际到资（累计）',
  'outcomes.rates.registration': '注册率',
  'outcomes.rates.arrival': '到资率',
};
export const metricLabel = (metric: string): string => targetMetricNames[metric] ?? metric;
