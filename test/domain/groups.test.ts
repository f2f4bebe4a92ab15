import { describe, expect, it } from 'vitest';
import { entryOf, runsOf } from '../../src/domain/groups';

describe('runsOf: neighbouring items with equal keys', () => {
  const runs = (xs: string[]) => [...runsOf(xs, (a, b) => a[0] === b[0])];
  it.each([
    [[], []],
    [['a1'], [[0, 1]]],
    [
      ['a1', 'a2', 'b1', 'c1', 'c2', 'c3'],
      [
        [0, 2],
        [2, 3],
        [3, 6],
      ],
    ],
    // Only neighbours form a run: a key that comes back starts a new one.
    [
      ['a1', 'b1', 'a2'],
      [
        [0, 1],
        [1, 2],
        [2, 3],
      ],
    ],
  ] as [string[], [number, number][]][])('%j → %j', (items, expected) => {
    expect(runs(items)).toEqual(expected);
  });
});

describe('entryOf', () => {
  it('makes a value once per key and answers the kept one after', () => {
    const values = new Map<string, number[]>();
    let made = 0;
    const make = () => (made++, []);
    entryOf(values, 'a', make).push(1);
    entryOf(values, 'a', make).push(2);
    entryOf(values, 'b', make).push(3);
    expect(Object.fromEntries(values)).toEqual({ a: [1, 2], b: [3] });
    expect(made).toBe(2);
  });
});
