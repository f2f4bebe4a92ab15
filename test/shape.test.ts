// The import graph of src/: route files and pages are leaves, mounted by app.ts alone; nothing else reaches into them.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';

const src = resolve(import.meta.dirname, '../src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

/** The files under src/ that `file` imports (static, dynamic or re-export), as paths relative to src/ without extension. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return specifiers.map((s) => relative(src, resolve(dirname(file), s)).replace(/\.(tsx?|js)$/, ''));
}

const graph = filesUnder(src).map((file) => ({ file: relative(src, file), imports: importsOf(file) }));

it('reads the import graph (a check that the test sees what it tests)', () => {
  expect(graph.find((f) => f.file === 'app.ts')?.imports).toContain('routes/projects');
});

it('no file but src/app.ts imports a route file', () => {
  const arrows = graph.flatMap((f) => f.imports.filter((i) => i.startsWith('routes/')).map((i) => `${f.file} → ${i}`));
  expect(arrows.filter((a) => !a.startsWith('app.ts →'))).toEqual([]);
});

it('no file outside src/web/ but src/app.ts imports a page file', () => {
  const arrows = graph.filter((f) => f.file !== 'app.ts' && !f.file.startsWith('web/')).flatMap((f) => f.imports.filter((i) => i === 'web' || i.startsWith('web/')).map((i) => `${f.file} → ${i}`));
  expect(arrows).toEqual([]);
});

it('no file under src/web/ imports a route file', () => {
  const arrows = graph.filter((f) => f.file.startsWith('web/')).flatMap((f) => f.imports.filter((i) => i.startsWith('routes/')).map((i) => `${f.file} → ${i}`));
  expect(arrows).toEqual([]);
});
