import type { Child, FC } from 'hono/jsx';
import { raw } from 'hono/html';
import { jsxRenderer } from 'hono/jsx-renderer';
import type { CurrentUser } from '../auth';
import type { Role } from '../domain/vocabulary';
import type { AppEnv } from '../app-types';
import { roleNames, staffRoles, writerRoles } from '../domain/vocabulary';

interface NavItem {
  href: string;
  label: string;
  roles?: Role[];
}

const nav: NavItem[] = [
  { href: '/', label: '驾驶舱' },
  { href: '/projects', label: '项目' },
  { href: '/alerts', label: '预警' },
  { href: '/dispatch', label: '调度' },
  { href: '/chains', label: '产业链' },
  { href: '/assessment', label: '考核' },
  { href: '/bulletins', label: '通报' },
  { href: '/me', label: '我的工作' },
  { href: '/activities', label: '招商活动' },
  { href: '/requests', label: '诉求' },
  { href: '/projects/new', label: '报送线索', roles: writerRoles },
  { href: '/activities/new', label: '登记活动', roles: writerRoles },
  { href: '/import', label: '导入', roles: writerRoles },
  { href: '/review', label: '认定', roles: staffRoles },
  { href: '/records', label: '录入', roles: staffRoles },
  // The API documentation is in English and for whoever integrates with touyin: platform staff, not leaders or managers.
  { href: '/docs', label: '接口文档', roles: staffRoles },
];

export const Layout: FC<{
  title: string;
  user?: CurrentUser;
  csrf?: string;
  path?: string;
  charts?: boolean;
  children?: Child;
}> = ({ title, user, csrf, path, charts, children }) => (
  <>
    {raw('<!DOCTYPE html>')}
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {csrf ? <meta name="csrf" content={csrf} /> : null}
        <title>{title} · touyin 投引</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/assets/touyin.css" />
      </head>
      <body>
        {user ? (
          <header class="top">
            <a class="brand" href="/">
              投引 touyin
            </a>
            <nav>
              {nav
                .filter((n) => !n.roles || n.roles.includes(user.role))
                .map((n) => (
                  <a href={n.href} class={path === n.href ? 'on' : ''}>
                    {n.label}
                  </a>
                ))}
            </nav>
            <span class="who">
              <span>
                {user.displayName ?? user.username}（{roleNames[user.role]}）
              </span>
              <form method="post" action="/logout">
                <input type="hidden" name="csrf" value={csrf} />
                <button type="submit">退出</button>
              </form>
            </span>
          </header>
        ) : null}
        <main>{children}</main>
        {charts ? <script src="/vendor/echarts/echarts.min.js"></script> : null}
        <script src="/assets/touyin.js"></script>
      </body>
    </html>
  </>
);

/** What every page passes to `c.render(<Page/>, props)`. */
export interface PageProps {
  title: string;
  /** The page draws ECharts charts: load the library. */
  charts?: boolean;
}

declare module 'hono' {
  interface ContextRenderer {
    (content: string | Promise<string>, props: PageProps): Response | Promise<Response>;
  }
}

/** The layout every signed-in page is rendered in: the visitor, their menu and the CSRF token come from the context. */
export const renderer = jsxRenderer<AppEnv>(
  ({ children, title, charts }, c) => (
    <Layout
      title={title}
      user={c.get('user') as CurrentUser}
      csrf={c.get('csrf') as string}
      path={c.req.path}
      charts={charts}
    >
      {children}
    </Layout>
  ),
  { docType: false },
);
