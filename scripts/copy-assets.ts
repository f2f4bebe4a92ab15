// Copies the /vendor/ browser files (Swagger UI, ECharts) from node_modules into public/vendor/, the static assets
// directory wrangler.toml gives Workers. Run before `wrangler deploy` or `wrangler dev` (npm run check does).
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vendorFiles, vendorSource } from '../src/vendor';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

let copied = 0;
for (const [name, entry] of Object.entries(vendorFiles)) {
  const packageDir = dirname(require.resolve(`${entry.package}/package.json`));
  mkdirSync(resolve(root, 'public/vendor', name), { recursive: true });
  for (const file of entry.files) {
    const path = `/vendor/${name}/${file}`;
    const source = vendorSource(path);
    if (!source) throw new Error(`${path} 不在 vendorFiles 中`);
    copyFileSync(resolve(packageDir, source.file), resolve(root, `public${path}`));
    copied++;
  }
}
console.log(`touyin: 已复制 ${copied} 个前端依赖文件到 public/vendor/`);
