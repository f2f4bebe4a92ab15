// Grouping rows under a key, lists growing in place (a copy per row would be quadratic: a mother fund's credits and
// contributions run to thousands).

/** Appends `value` to the list under `key`. */
export function pushTo<K, V>(lists: Map<K, V[]>, key: K, value: V) {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}

/** The items (or `value` of each) under their key, in the items' order; keys in order of first appearance. */
export function groupBy<T, K, V = T>(items: Iterable<T>, key: (item: T) => K, value: (item: T) => V = (item) => item as unknown as V): Map<K, V[]> {
  const out = new Map<K, V[]>();
  for (const item of items) pushTo(out, key(item), value(item));
  return out;
}
