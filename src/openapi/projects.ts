// The /api operations of the 招商 side: projects with their milestones, arrivals and reviews, evidence files, owners
// and nodes, activities, 企业诉求 and the platform settings, and the imports and exports of those.
import type { Operation } from './operation';

export const projectOperations: Record<string, Operation> = {
  'POST /api/projects': {
    tag: 'projects',
    summary: '登记招商项目（同一企业已有在办项目为 409）',
    created: true,
    body: 'ProjectDetail',
  },
  'GET /api/projects': {
    tag: 'projects',
    summary: '招商项目列表（按基金、阶段、审核状态、产业链筛选）',
    page: 'Project',
  },
  'GET /api/projects/:id': {
    tag: 'projects',
    summary: '招商项目详情（含全部进展节点与到资记录）',
    body: 'ProjectDetail',
  },
  'POST /api/projects/:id/milestones': {
    tag: 'projects',
    summary: '记录项目进展节点（洽谈、签约、注册、开工、竣工、投产或终止）',
    created: true,
    body: 'Milestone',
  },
  'POST /api/projects/:id/arrivals': {
    tag: 'projects',
    summary: '登记项目到资（项目须已签约；平台工作人员录入即认定，基金管理人报送待认定）',
    created: true,
    body: 'Arrival',
  },
  'GET /api/arrivals': {
    tag: 'projects',
    summary: '到资列表（认定队列：?status=pending；可按基金、单位、到资日期筛选）',
    page: 'ArrivalItem',
  },
  'GET /api/arrivals/:id': { tag: 'projects', summary: '到资详情（含认定状态）', body: 'Arrival' },
  'POST /api/arrivals/:id/confirm': {
    tag: 'projects',
    summary: '认定到资（仅平台工作人员；认定后计入各项指标）',
    body: 'Arrival',
    ifMatch: true,
  },
  'POST /api/requests': {
    tag: 'requests',
    summary:
      '提出企业诉求（涉及项目或企业；平台工作人员，或基金管理人为本基金的项目提出）：办结时限缺省为提出日期加该类别天数（未设置为 15 天）',
    created: true,
    body: 'RequestDetail',
  },
  'GET /api/requests': {
    tag: 'requests',
    summary: '诉求列表（按状态、类别、责任单位（含下级）、基金、承办人、项目、企业、是否超期筛选；超期按 asOf 计）',
    page: 'Request',
  },
  'GET /api/requests/:id': { tag: 'requests', summary: '诉求详情（含办理记录）', body: 'RequestDetail' },
  'POST /api/requests/:id/transitions': {
    tag: 'requests',
    summary:
      '办理诉求（仅平台工作人员）：受理 accepted、办结 resolved（须填办理结果）、回访 closed（须填满意度）、重新打开 open；当前状态不允许的办理为 409',
    body: 'RequestDetail',
    ifMatch: true,
  },
  'GET /api/settings': { tag: 'settings', summary: '平台设置（诉求各类别的办结天数、通报发文单位）', body: 'Settings' },
  'PUT /api/settings': {
    tag: 'settings',
    summary: '修改平台设置（只改请求中给出的项；天数为 1–365 的整数）',
    body: 'Settings',
  },
  'POST /api/files': {
    tag: 'files',
    summary:
      '上传佐证材料（multipart：file 为文件，subject 为 project:N、arrival:N、milestone:N、credit:N 或 request:N）：按内容只接受 PDF、JPEG、PNG、XLSX、DOCX，每个不超过 20 MB；相同内容只存一份',
    created: true,
    body: 'EvidenceFile',
    form: true,
  },
  'GET /api/files': { tag: 'files', summary: '某记录的佐证材料列表（?subject=project:N 等）', page: 'EvidenceFile' },
  'GET /api/files/:id': {
    tag: 'files',
    summary: '下载佐证材料（附原文件名）；看不到所属记录的用户得到 404',
    binary: true,
  },
  'DELETE /api/files/:id': {
    tag: 'files',
    summary: '删除佐证材料（软删除，留在审计日志中）：平台工作人员，或上传者在所属记录待认定时',
    ifMatch: true,
    noContent: true,
  },
  'POST /api/arrivals/:id/reject': {
    tag: 'projects',
    summary: '退回到资（须说明原因；已认定的到资退回后不再计入指标）',
    body: 'Arrival',
    ifMatch: true,
  },
  'POST /api/projects/:id/confirm': {
    tag: 'projects',
    summary: '审核通过基金管理人报送的项目',
    body: 'Project',
    ifMatch: true,
  },
  'POST /api/projects/:id/reject': {
    tag: 'projects',
    summary: '退回基金管理人报送的项目',
    body: 'Project',
    ifMatch: true,
  },
  'POST /api/imports/projects': {
    tag: 'projects',
    summary:
      '从 Excel（.xlsx）或 CSV 批量导入项目（multipart 字段 file 或原始请求体）：逐行校验，任一行有误则全部不写入并逐行列出问题；?dryRun=1 只校验',
    created: true,
    body: 'ProjectImport',
    upload: true,
  },
  'GET /api/imports/projects/template.xlsx': {
    tag: 'projects',
    summary: '下载项目导入模板（.xlsx，含填写说明与示例行）',
  },
  'GET /api/exports/projects.xlsx': {
    tag: 'projects',
    summary: '导出项目清单（.xlsx，筛选条件同项目列表，可直接再导入）',
  },
  'POST /api/activities': {
    tag: 'activities',
    summary: '登记招商活动（走出去须填目的地；对接企业按名称对应已登记企业；关联项目须可见；基金管理人须选本基金）',
    created: true,
    body: 'Activity',
  },
  'GET /api/activities': {
    tag: 'activities',
    summary: '招商活动列表（按单位及其下级单位、基金、类型、开始日期筛选）',
    page: 'Activity',
  },
  'POST /api/imports/activities': {
    tag: 'activities',
    summary:
      '从 Excel（.xlsx）或 CSV 批量导入招商活动（每行一次活动；参与人员、对接企业、项目以、分隔，项目按名称或项目编号）：逐行校验，任一行有误则全部不写入并逐行列出问题；?dryRun=1 只校验',
    created: true,
    body: 'ActivityImport',
    upload: true,
  },
  'GET /api/imports/activities/template.xlsx': {
    tag: 'activities',
    summary: '下载招商活动导入模板（.xlsx，含填写说明与示例行）',
  },
  'GET /api/activities/:id': { tag: 'activities', summary: '招商活动详情', body: 'Activity' },
  'GET /api/projects/:id/owners': {
    tag: 'nodes',
    summary: '项目的对接人、包挂领导与专班成员（在任在前，含已卸任的历史）',
    page: 'Owner',
  },
  'POST /api/projects/:id/owners': {
    tag: 'nodes',
    summary:
      '安排项目对接人（liaison，每个项目至多一名在任：新对接人在同一次写入中接替原对接人，原对接人的 to 为新对接人的 from）、包挂领导（leader）或专班成员（member）；仅平台工作人员；同一用户已在任同一职责为 409',
    created: true,
    body: 'Owner',
  },
  'DELETE /api/projects/:id/owners/:ownerId': {
    tag: 'nodes',
    summary: '卸任（to 默认今天；记录保留，只设卸任日期）；仅平台工作人员；已卸任为 409',
    body: 'Owner',
    ifMatch: true,
  },
  'POST /api/node-templates': {
    tag: 'nodes',
    summary: '新建推进节点模板（节点：名称、阶段或任务、签约后天数）；仅平台工作人员；同名为 409',
    created: true,
    body: 'NodeTemplate',
  },
  'GET /api/node-templates': { tag: 'nodes', summary: '推进节点模板列表', page: 'NodeTemplate' },
  'POST /api/projects/:id/nodes': {
    tag: 'nodes',
    summary:
      '为项目编排推进节点：{templateId} 应用模板（计划日期 = 基准日期 = 签约日期 + 天数；未签约为 409；答复全部新节点），或 {name, stage?, planned} 追加一个节点（答复该节点）',
    created: true,
    body: 'NodesCreated',
  },
  'GET /api/projects/:id/nodes': {
    tag: 'nodes',
    summary:
      '项目的推进节点计划（?asOf=，?horizonDays= 默认 14）：每个节点的基准、现行计划与完成日期（阶段节点取项目进展），状态 done/overdue/due/open 与是否按期',
    body: 'NodePlan',
  },
  'PATCH /api/nodes/:id': {
    tag: 'nodes',
    summary:
      '调整推进节点：planned 改计划（基准日期不变），actual 记任务节点的完成日期（阶段节点为 400），note 备注；带 If-Match 时版本不符为 412',
    body: 'Node',
    ifMatch: true,
  },
  'POST /api/imports/nodes': {
    tag: 'nodes',
    summary:
      '从 Excel（.xlsx）或 CSV 批量导入推进节点（列：项目编号、节点名称、阶段、计划日期、完成日期、备注说明）：逐行校验，任一行有误则全部不写入并逐行列出问题；?dryRun=1 只校验',
    created: true,
    body: 'NodeImport',
    upload: true,
  },
  'GET /api/imports/nodes/template.xlsx': {
    tag: 'nodes',
    summary: '下载推进节点导入模板（.xlsx，含填写说明与示例行）',
  },
  'GET /api/me/work': {
    tag: 'nodes',
    summary:
      '我的工作：当前用户在任对接的项目（职责、阶段、下一个节点）与分派给自己、尚未回访办结的企业诉求（期限与是否超期）',
    body: 'MyWork',
  },
};
