import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './helpers';
import { fuzzWorld, prober, withKey, type Route } from './fuzz-kit';

// Property-based bad input for every write route: whatever a client sends, touyin never answers 5xx, every refusal
// is the one error envelope, and a refused request leaves every table as it was.

const SEED = 20261122;

const tricky = fc.constantFrom<unknown>(
  null,
  true,
  false,
  0,
  -0,
  -1,
  1.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 63,
  1e-7,
  '',
  ' ',
  '\u0000',
  '\t\n',
  '-1',
  '-0.01',
  '1.234',
  '0.001',
  '1e3',
  '0x10',
  'NaN',
  'Infinity',
  '１２３',
  '１２３.４５',
  '10000000000000.01',
  '100000000000000',
  '9'.repeat(400),
  '2024-02-30',
  '2023-02-29',
  '2024-13-01',
  '2024-1-1',
  '0000-01-01',
  '1899-12-31',
  '9999-12-31',
  '2024-01-01T00:00:00Z',
  '２０２４-０１-０１',
  'fund',
  'FUND',
  'dropped',
  'admin',
  '__proto__',
  'constructor',
  "'; drop table funds; --",
  '<script>alert(1)</script>',
  '\ud800',
  '👨‍👩‍👧‍👦',
  '鸠江区'.repeat(400),
  'x'.repeat(20_000),
  [],
  [1],
  ['1'],
  [[[[]]]],
  {},
  { a: { b: { c: { d: [] } } } },
  JSON.parse('{"__proto__":{"polluted":true}}'),
  { constructor: { prototype: { polluted: true } } },
);

const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: tricky },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.string({ minLength: 2_000, maxLength: 4_000, unit: 'grapheme' }) },
);

const strangeKeys = [
  '__proto__',
  'constructor',
  'prototype',
  'id',
  'version',
  'status',
  'updatedBy',
  'toString',
  'hasOwnProperty',
  '',
  '鸠江',
];

/** Malformed versions of a valid body: one field set to junk, one field removed, junk keys added, or no object at all. */
function badBodies(valid: Record<string, unknown>): fc.Arbitrary<{ text: string }> {
  const keys = Object.keys(valid);
  const asText = (v: unknown) => ({ text: JSON.stringify(v) ?? 'null' });
  return fc.oneof(
    { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...keys), junk).map(([k, v]) => asText(withKey(valid, k, v))) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...keys), fc.constantFrom(...keys), junk, junk)
        .map(([k1, k2, v1, v2]) => asText(withKey(withKey(valid, k1, v1), k2, v2))),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...keys)
        .map((k) => asText(Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k)))),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom(...strangeKeys), junk).map(([k, v]) => asText(withKey(valid, k, v))),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map(asText) },
    { weight: 1, arbitrary: fc.json({ maxDepth: 6 }).map((text) => ({ text })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((text) => ({ text })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('', '{', '{"a":', '[1,', 'nul', '{"name":"x",}', "{'name':'x'}", '\u0000', '{"a":1}{"b":2}')
        .map((text) => ({ text })),
    },
  );
}

describe('fuzz: malformed bodies on every write route', () => {
  let t: TestApp;
  let routes: Route[];
  let probe: (route: Route, text: string, path?: string) => Promise<number>;

  beforeAll(async () => {
    t = await testApp();
    routes = await fuzzWorld(t);
    const send = prober(t);
    probe = async (route, text, path) => (await send(route, text, path)).status;
  });

  it('never 5xx, always the envelope, nothing changed on refusal (about 4,800 bodies)', async () => {
    const tally: Record<number, number> = {};
    for (const [i, route] of routes.entries()) {
      await fc.assert(
        fc.asyncProperty(badBodies(route.valid), async ({ text }) => {
          const status = await probe(route, text);
          tally[status] = (tally[status] ?? 0) + 1;
        }),
        { seed: SEED + i, numRuns: 280 },
      );
    }
    // The generators are built to be refused: most answers must be 400s, else they test little.
    const total = Object.values(tally).reduce((s, n) => s + n, 0);
    expect(total).toBe(routes.length * 280);
    expect(tally[400] ?? 0).toBeGreaterThan(total / 2);
  }, 90_000);

  it('malformed ids in the path are 400 or 404 and change nothing', async () => {
    const badId = fc.oneof(
      fc.constantFrom(
        '0',
        '-1',
        '1.5',
        '1e3',
        'abc',
        '%00',
        '%E4%B8%AD',
        '99999999999999999999',
        '9007199254740993',
        ' 1',
        '0x1',
        '１',
        '__proto__',
        'constructor',
        '1;drop',
      ),
      fc
        .string({ minLength: 1, maxLength: 12 })
        .filter((s) => !/^\d+$/.test(s))
        .map(encodeURIComponent),
      fc.integer({ min: 10_000, max: 2 ** 40 }).map(String),
    );
    const withIds = routes.filter((r) => /\/\d+(\/|$)/.test(r.path));
    for (const [i, route] of withIds.entries()) {
      await fc.assert(
        fc.asyncProperty(badId, async (idText) => {
          const status = await probe(
            route,
            JSON.stringify(route.valid),
            route.path.replace(/\/\d+(?=\/|$)/, `/${idText}`),
          );
          expect([400, 404]).toContain(status);
        }),
        { seed: SEED + 100 + i, numRuns: 40 },
      );
    }
  });

  it('a body over 1 MB is 413 on every route, whatever field carries it', async () => {
    for (const route of routes) {
      for (const key of Object.keys(route.valid)) {
        const text = JSON.stringify(withKey(route.valid, key, '鸠'.repeat(400_000))); // 3 bytes each in UTF-8: 1.2 MB
        expect(await probe(route, text)).toBe(413);
      }
    }
  });

  it('no body key polluted Object.prototype', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});
