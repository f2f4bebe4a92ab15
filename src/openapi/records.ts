// The /api operations on the records: users, units, funds and their commitments, companies, investments, 返投
// credits, the audit log (one entry each, keyed "METHOD path" as Hono registers it; document.ts reads them).
import type { Operation } from './operation';

export const recordOperations: Record<string, Operation> = {
  'GET /api/me': { tag: 'users', summary: '当前用户（id、用户名、角色、绑定的基金）', body: 'Me' },
  'POST /api/users': {
    tag: 'users',
    summary: '新建用户并签发 API 令牌（令牌只在此时返回一次）',
    created: true,
    body: 'UserWithToken',
  },
  'GET /api/users': { tag: 'users', summary: '用户列表', page: 'User' },
  'POST /api/users/:id/revoke': { tag: 'users', summary: '停用用户，其令牌立即失效', body: 'User' },
  'POST /api/users/:id/token': {
    tag: 'users',
    summary: '为用户重新签发 API 令牌（旧令牌失效）',
    body: 'UserWithToken',
  },
  'POST /api/units': { tag: 'units', summary: '新建单位', created: true, body: 'Unit' },
  'GET /api/units': { tag: 'units', summary: '单位列表', page: 'Unit' },
  'GET /api/units/:id': { tag: 'units', summary: '单位详情', body: 'Unit' },
  'POST /api/funds': { tag: 'funds', summary: '新建基金（母基金或子基金，可带返投规则）', created: true, body: 'Fund' },
  'GET /api/funds': { tag: 'funds', summary: '基金列表', page: 'Fund' },
  'GET /api/funds/:id': { tag: 'funds', summary: '基金详情（含下级基金与出资）', body: 'FundDetail' },
  'PATCH /api/funds/:id': {
    tag: 'funds',
    summary: '修改基金（带 If-Match 时版本不符为 412）',
    body: 'Fund',
    ifMatch: true,
  },
  'POST /api/funds/:id/commitments': {
    tag: 'commitments',
    summary: '登记基金的认缴出资',
    created: true,
    body: 'Commitment',
  },
  'GET /api/commitments/:id': { tag: 'commitments', summary: '认缴出资详情（含累计实缴）', body: 'CommitmentDetail' },
  'POST /api/commitments/:id/contributions': {
    tag: 'commitments',
    summary: '登记实缴出资（累计实缴超过认缴为 409）',
    created: true,
    body: 'Contribution',
  },
  'POST /api/companies': {
    tag: 'companies',
    summary: '新建企业（统一社会信用代码重复为 409）',
    created: true,
    body: 'Company',
  },
  'GET /api/companies': { tag: 'companies', summary: '企业列表（可按名称搜索）', page: 'Company' },
  'GET /api/companies/:id': { tag: 'companies', summary: '企业详情', body: 'Company' },
  'POST /api/funds/:id/investments': {
    tag: 'investments',
    summary: '登记基金对企业的投资',
    created: true,
    body: 'Investment',
  },
  'GET /api/funds/:id/investments': { tag: 'investments', summary: '某基金的投资列表', page: 'InvestmentItem' },
  'GET /api/investments': { tag: 'investments', summary: '投资列表（可按企业筛选）', page: 'Investment' },
  'GET /api/investments/:id': { tag: 'investments', summary: '投资详情', body: 'InvestmentDetail' },
  'POST /api/funds/:id/reinvestment-credits': {
    tag: 'credits',
    summary: '申报返投认定（审核前为待审核）',
    created: true,
    body: 'Credit',
  },
  'GET /api/funds/:id/reinvestment-credits': { tag: 'credits', summary: '某基金的返投认定列表', page: 'Credit' },
  'GET /api/reinvestment-credits': { tag: 'credits', summary: '返投认定列表', page: 'Credit' },
  'GET /api/reinvestment-credits/:id': { tag: 'credits', summary: '返投认定详情', body: 'Credit' },
  'POST /api/reinvestment-credits/:id/approve': {
    tag: 'credits',
    summary: '审核通过返投认定',
    body: 'Credit',
    ifMatch: true,
  },
  'POST /api/reinvestment-credits/:id/reject': {
    tag: 'credits',
    summary: '驳回返投认定',
    body: 'Credit',
    ifMatch: true,
  },
  'PATCH /api/companies/:id': {
    tag: 'companies',
    summary:
      '修改企业（名称、单位、高新/专精特新/中小/民营标记；改为另一企业的名称为 409；带 If-Match 时版本不符为 412）',
    body: 'Company',
    ifMatch: true,
  },
  'POST /api/companies/:id/merge': {
    tag: 'companies',
    summary:
      '合并疑似重复企业（平台工作人员）：把本企业的项目、投资、返投认定、诉求与活动记录转入 intoId 企业并标记本企业已合并，一次写入并记入审计；统一社会信用代码不同、两家各有在途线索、有代码并入无代码为 409；带 If-Match 时版本不符为 412',
    body: 'CompanyMerge',
    ifMatch: true,
  },
  'POST /api/companies/:id/unmerge': {
    tag: 'companies',
    summary: '撤销合并（平台工作人员）：按审计记录把合并时转入的记录转回本企业，恢复其名称匹配；未合并为 409',
    body: 'CompanyMerge',
  },
  'GET /api/audit': { tag: 'audit', summary: '审计日志（含修改前后的值）', page: 'AuditEntry' },
};
