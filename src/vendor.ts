/**
 * Third-party browser files served under /vendor/<name>/<file>: read from node_modules on Node (src/node.ts), copied
 * into public/vendor/ for Workers' static assets (scripts/copy-assets.ts). Only these files, nothing else.
 */
export const vendorFiles = {
  'swagger-ui-dist': {
    package: 'swagger-ui-dist',
    dir: '',
    files: ['swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png', 'favicon-16x16.png'],
  },
  echarts: { package: 'echarts', dir: 'dist', files: ['echarts.min.js'] },
} as const satisfies Record<string, { package: string; dir: string; files: readonly string[] }>;

/** "/vendor/echarts/echarts.min.js" → the package and the file inside it, or null for anything not listed. */
export function vendorSource(path: string): { package: string; file: string } | null {
  const m = /^\/vendor\/([\w.-]+)\/([\w.-]+)$/.exec(path);
  // Own properties only: "constructor" or "__proto__" must not reach Object.prototype.
  const entry =
    m && Object.hasOwn(vendorFiles, m[1]!)
      ? (vendorFiles as Record<string, { package: string; dir: string; files: readonly string[] }>)[m[1]!]
      : undefined;
  if (!m || !entry || !entry.files.includes(m[2]!)) return null;
  return { package: entry.package, file: entry.dir ? `${entry.dir}/${m[2]}` : m[2]! };
}

/**
 * How long browsers keep a /vendor/ file before revalidating it (30 days; then a 304 while it is unchanged). The URLs
 * carry no version, so an upgraded ECharts or Swagger UI reaches a browser within these 30 days, not at once.
 * public/_headers says the same to Workers' static assets.
 */
export const VENDOR_CACHE_CONTROL = 'public, max-age=2592000';

const contentTypes: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  png: 'image/png',
};
export const contentTypeOf = (file: string) => {
  const ext = file.slice(file.lastIndexOf('.') + 1);
  return (Object.hasOwn(contentTypes, ext) && contentTypes[ext]) || 'application/octet-stream';
};
