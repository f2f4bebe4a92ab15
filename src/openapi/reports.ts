// The /api operations that read figures: the reports and exports, targets and 考核, 通报, 业绩与投向 and its records.
import type { Operation } from './operation';

export const reportOperations: Record<string, Operation> = {
  'GET /api/funds/:id/metrics': {
    tag: 'reports',
    summary: '基金指标：放大倍数、返投完成情况、以投促引成效',
    body: 'Metrics',
  },
  'GET /api/reports/funds': { tag: 'reports', summary: '当前用户可见的全部基金的指标', body: 'FundsReport' },
  'GET /api/reports/units': {
    tag: 'reports',
    summary: '按单位统计以投促引成效（招引口径或落地口径）',
    body: 'UnitsReport',
  },
  'GET /api/reports/service': {
    tag: 'reports',
    summary:
      '服务督办报表：各单位（含下级，招引或落地口径）与各基金（含下级）在窗口内的招商活动、企业诉求（办结率、按期办结率、中位天数、满意度）与推进节点（按期完成率、滞后、调整计划）',
    body: 'ServiceReport',
  },
  'GET /api/reports/pipeline': {
    tag: 'reports',
    summary: '项目漏斗：按来源基金与所处阶段、按产业链统计的项目数（供图表）',
    body: 'Pipeline',
  },
  'POST /api/funds/:id/distributions': {
    tag: 'performance',
    summary: '登记基金分配（按实缴比例分配给全体出资人）',
    created: true,
    body: 'Distribution',
  },
  'GET /api/funds/:id/distributions': { tag: 'performance', summary: '基金分配记录', page: 'Distribution' },
  'POST /api/funds/:id/valuations': {
    tag: 'performance',
    summary: '登记基金估值（管理人报送的净值 NAV）',
    created: true,
    body: 'Valuation',
  },
  'GET /api/funds/:id/valuations': { tag: 'performance', summary: '基金估值记录', page: 'Valuation' },
  'POST /api/investments/:id/exit': {
    tag: 'performance',
    summary: '登记投资退出（日期与退出回款；再次登记为更正，带 If-Match 时版本不符为 412）',
    body: 'Investment',
    ifMatch: true,
  },
  'POST /api/indicator-thresholds': {
    tag: 'performance',
    summary: '设定指标阈值（平台自设，≥ 或 ≤）',
    created: true,
    body: 'Threshold',
  },
  'GET /api/indicator-thresholds': { tag: 'performance', summary: '指标阈值列表', page: 'Threshold' },
  'GET /api/funds/:id/performance': {
    tag: 'performance',
    summary: '基金业绩与投向指标：DPI、RVPI、TVPI、IRR、资产增值率，出资人视角的子基金业绩，投向指标与阈值达标情况',
    body: 'FundPerformance',
  },
  'GET /api/exports/self-check.xlsx': {
    tag: 'performance',
    summary:
      '下载年度投向自评表（.xlsx，全部可见基金的业绩与投向指标、阈值与达标情况；平台自查，非官方评分）：?year=2025，往年截至年末，当年截至今日',
  },
  'POST /api/imports/fund-flows': {
    tag: 'performance',
    summary:
      '从 Excel（.xlsx）或 CSV 批量导入基金分配与估值（列：基金、类型、日期、金额（元），可选 记录编号；仅平台工作人员）：逐行校验，任一行有误则全部不写入并逐行列出问题；带记录编号的行修改原记录或跳过；与已有记录完全相同的行在 ?dryRun=1 中列出，须 ?confirmDuplicates=1 才写入，否则 409',
    created: true,
    body: 'FundFlowImport',
    upload: true,
  },
  'GET /api/imports/fund-flows/template.xlsx': {
    tag: 'performance',
    summary: '下载分配与估值导入模板（.xlsx，含填写说明与示例行）',
  },
  'GET /api/exports/fund-flows.xlsx': {
    tag: 'performance',
    summary: '导出可见基金的分配与估值记录（.xlsx，?fundId= 只列一只基金，?asOf= 截至日期；列同导入模板）',
  },
  'GET /api/exports/funds.xlsx': {
    tag: 'reports',
    summary: '导出基金运行情况表（.xlsx，数据同基金指标报表，金额单位万元）',
  },
  'GET /api/alerts': {
    tag: 'reports',
    summary:
      '预警清单：签约未开工、开工未竣工、长期无进展、待认定超期（仅平台工作人员）、节点滞后（可设宽限天数）、诉求超期、无人对接，按已持续天数从长到短',
    body: 'AlertList',
  },
  'GET /api/exports/alerts.xlsx': { tag: 'reports', summary: '导出预警清单（.xlsx，筛选条件同预警清单）' },
  'GET /api/dispatch': {
    tag: 'reports',
    summary:
      '调度：截至 asOf 滞后与临期（asOf + horizonDays 内，默认 14 天）的推进节点和未办结企业诉求，按责任人分组（节点归项目现任对接人，诉求归承办人），其余列入 unowned（最后一页）；可按单位（含下级）、责任人（me、none）筛选，按责任人分页（limit、cursor），total 为整个筛选范围的合计',
    body: 'Dispatch',
  },
  'GET /api/exports/dispatch.xlsx': {
    tag: 'reports',
    summary: '导出调度清单（.xlsx，筛选同调度，不分页，按责任人分组，一个工作表）',
  },
  'POST /api/chains': {
    tag: 'reports',
    summary: '登记重点产业链（链长、链主企业；同名产业链，含仅差不可见字符者，为 409）',
    created: true,
    body: 'Chain',
  },
  'GET /api/chains': { tag: 'reports', summary: '重点产业链列表', page: 'Chain' },
  'GET /api/reports/chains': {
    tag: 'reports',
    summary: '产业链图谱：各产业链上中下游的落地与在谈项目、计划与到资、补链延链强链，重点产业链标出缺链环节',
    body: 'ChainMap',
  },
  'POST /api/targets': {
    tag: 'targets',
    summary: '设定单位或基金的年度目标（同一单位或基金、年度、指标已有目标为 409）',
    created: true,
    body: 'Target',
  },
  'GET /api/targets': { tag: 'targets', summary: '年度目标列表', page: 'Target' },
  'GET /api/targets/:id': { tag: 'targets', summary: '年度目标详情', body: 'Target' },
  'PATCH /api/targets/:id': {
    tag: 'targets',
    summary: '修改年度目标的目标值或权重（带 If-Match 时版本不符为 412）',
    body: 'Target',
    ifMatch: true,
  },
  'GET /api/assessment': {
    tag: 'assessment',
    summary: '年度考核：各单位、基金的年度累计指标与目标完成率、序时进度、擂台赛得分、跑道内排名与红黑榜',
    body: 'Assessment',
  },
  'GET /api/bulletins/:month': {
    tag: 'assessment',
    summary: '月度考核通报：本月与年度累计指标、目标、擂台赛排名与红黑榜、各类预警数',
    body: 'Bulletin',
  },
  'GET /api/exports/bulletin.xlsx': {
    tag: 'assessment',
    summary: '下载月度考核通报（.xlsx，?month=YYYY-MM&view=，每部分一个工作表，金额单位万元，A4 横向打印）',
  },
};
