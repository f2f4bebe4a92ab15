// 项目: the list with its filters (fund, stage, status, chain, text), paged, and its Excel export.
import type { FC } from 'hono/jsx';
import { milestoneStages, reviewStatuses, stageNames, statusNames } from '../../domain/vocabulary';
import { filterQuery, FundOptions, ProjectTable } from '../components';
import type { ProjectListData } from '../data';

export const ProjectsPage: FC<ProjectListData> = ({ filters, projects, nextCursor, funds }) => (
  <>
    <h1>项目</h1>
    <form class="inline card" method="get" action="/projects" id="project-filters">
      <label>
        基金
        <select name="fundId">
          <option value="">全部</option>
          <FundOptions funds={funds} selected={filters.fundId} />
        </select>
      </label>
      <label>
        阶段
        <select name="stage">
          <option value="">全部</option>
          {(['reported', ...milestoneStages] as const).map((k) => (
            <option value={k} selected={filters.stage === k}>
              {stageNames[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        认定状态
        <select name="status">
          <option value="">全部</option>
          {reviewStatuses.map((k) => (
            <option value={k} selected={filters.status === k}>
              {statusNames[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        产业链
        <input name="chain" value={filters.chain ?? ''} placeholder="如 新能源汽车" />
      </label>
      <label>
        搜索
        <input name="q" value={filters.q ?? ''} placeholder="项目或企业名称" />
      </label>
      <button class="primary" type="submit">
        筛选
      </button>
      <a href={`/api/exports/projects.xlsx?${filterQuery(filters)}`}>导出 Excel</a>
      <a href={`/projects/ledger?${filterQuery(filters)}`} id="ledger-link">
        打印台账
      </a>
    </form>
    <section class="card" style="margin-top:12px">
      <ProjectTable items={projects} funds={funds} partial={nextCursor !== null} />
      {nextCursor ? (
        <p class="right">
          <a href={`/projects?${filterQuery(filters, nextCursor)}`}>下一页 →</a>
        </p>
      ) : null}
    </section>
  </>
);
