/** A link to a page of a list, or a gap, as the GOV.UK pagination component takes them. */
export type PaginationItem = { number: number; href: string; current: boolean } | { ellipsis: true };

/** Page numbers around the current one, with gaps, as the GOV.UK pagination component shows them. */
export function paginationItems(page: number, pageCount: number, href: (n: number) => string) {
  const wanted = new Set([1, pageCount, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pageCount));
  const numbers = [...wanted].sort((a, b) => a - b);
  const items: PaginationItem[] = [];
  let last = 0;
  for (const n of numbers) {
    if (n - last > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === page });
    last = n;
  }
  return {
    items,
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pageCount ? { href: href(page + 1) } : undefined,
  };
}

/** A page number from the query string: a whole number from 1, else the first page. */
export function pageNumber(value: unknown): number {
  const n = Number(typeof value === "string" ? value : "1");
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}
