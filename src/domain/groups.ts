// Grouping rows under a key, lists growing in place (a copy per row would be quadratic: a mother fund's credits and
// contributions run to thousands), and the order of group names.

/** Appends `value` to the list under `key`. */
export function pushTo<K, V>(lists: Map<K, V[]>, key: K, value: V) {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}

/** The items (or `value` of each) under their key, in the items' order; keys in order of first appearance. */
export function groupBy<T, K, V = T>(
  items: Iterable<T>,
  key: (item: T) => K,
  value: (item: T) => V = (item) => item as unknown as V,
): Map<K, V[]> {
  const out = new Map<K, V[]>();
  for (const item of items) pushTo(out, key(item), value(item));
  return out;
}

/** The value under `key`, made by `make` and kept there when there is none yet. */
export function entryOf<K, V>(values: Map<K, V>, key: K, make: () => V): V {
  let value = values.get(key);
  if (value === undefined) values.set(key, (value = make()));
  return value;
}

/** The runs of neighbouring items that `same` finds equal (rows sorted by a key), as [start, end) index pairs. */
export function* runsOf<T>(items: readonly T[], same: (a: T, b: T) => boolean): Generator<[number, number]> {
  for (let start = 0, end = 1; start < items.length; start = end, end = start + 1) {
    while (end < items.length && same(items[start]!, items[end]!)) end++;
    yield [start, end];
  }
}

/** Texts in code-point order, null last: group names and unit codes as lists and ranks order them. */
export const byText = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;
