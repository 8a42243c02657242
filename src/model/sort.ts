// One ordering for homes, rooms and schedules so that equality checks and UIs are stable even
// when Netatmo returns the same things in another order. Plain code-unit comparison on purpose:
// localeCompare depends on the process locale and is slower.

interface Named {
  readonly id: string;
  readonly name: string;
}

function compareStrings(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

export function compareByNameThenId(a: Named, b: Named): number {
  return compareStrings(a.name, b.name) || compareStrings(a.id, b.id);
}

export function compareById(a: { readonly id: string }, b: { readonly id: string }): number {
  return compareStrings(a.id, b.id);
}
