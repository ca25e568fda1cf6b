/**
 * Small-number suppression for counts of people. A count of 1 to 4 is shown as "fewer than 5";
 * then secondary suppression hides one more cell in any row or column where a single hidden cell
 * could be worked out from the total (total minus the others). Zero is safe to show.
 */
export const THRESHOLD = 5;

/** A shown count, or a hidden one: "small" (1 to 4) or "secondary" (hidden so a small one cannot be worked out). */
export type Cell =
  | { value: number; suppressed: false }
  | { value: null; suppressed: true; reason: "small" | "secondary" };

export interface SuppressedTable {
  cells: Cell[][];
  rowTotals: Cell[];
  columnTotals: Cell[];
  grandTotal: Cell;
}

const shown = (value: number): Cell => ({ value, suppressed: false });
const small: Cell = { value: null, suppressed: true, reason: "small" };
const secondary: Cell = { value: null, suppressed: true, reason: "secondary" };

export function isSmall(n: number): boolean {
  return n > 0 && n < THRESHOLD;
}

/** One count on its own (no totals beside it): primary suppression only. */
export function suppressCount(n: number): Cell {
  return isSmall(n) ? small : shown(n);
}

/**
 * A table of counts with row and column totals. Counts of 1 to 4 are hidden, totals included.
 * Every row and every column, the row of column totals and the column of row totals are each a
 * sum; wherever one of them has exactly one hidden number, it could be worked out (the total minus
 * the others), so one more is hidden: the smallest shown non-zero count in that line, or else its
 * total, or else a zero. Repeated until no line has exactly one hidden number.
 */
export function suppressTable(counts: number[][]): SuppressedTable {
  const rows = counts.length;
  const cols = counts[0]?.length ?? 0;
  // The table with its totals: row `rows` holds the column totals, column `cols` the row totals.
  const grid: number[][] = counts.map((r) => [...r, r.reduce((a, b) => a + b, 0)]);
  const totalsRow = Array.from({ length: cols }, (_, c) => counts.reduce((a, r) => a + (r[c] ?? 0), 0));
  grid.push([...totalsRow, totalsRow.reduce((a, b) => a + b, 0)]);
  const hide = grid.map((r) => r.map(isSmall));

  // Each line: its members as [row, column], the total last.
  const lines: [number, number][][] = [];
  for (let r = 0; r <= rows; r += 1) lines.push(Array.from({ length: cols + 1 }, (_, c) => [r, c]));
  for (let c = 0; c <= cols; c += 1) lines.push(Array.from({ length: rows + 1 }, (_, r) => [r, c]));

  const value = ([r, c]: [number, number]) => grid[r]?.[c] ?? 0;
  const hidden = ([r, c]: [number, number]) => hide[r]?.[c] ?? false;
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      if (line.filter(hidden).length !== 1) continue;
      const total = line[line.length - 1] as [number, number];
      const shownParts = line.slice(0, -1).filter((m) => !hidden(m));
      const nonZero = shownParts.filter((m) => value(m) > 0).sort((a, b) => value(a) - value(b));
      const pick = nonZero[0] ?? (hidden(total) ? shownParts[0] : total);
      if (!pick) continue;
      (hide[pick[0]] as boolean[])[pick[1]] = true;
      changed = true;
    }
  }

  const cell = (r: number, c: number): Cell => {
    const v = grid[r]?.[c] ?? 0;
    if (!hide[r]?.[c]) return shown(v);
    return isSmall(v) ? small : secondary;
  };
  return {
    cells: counts.map((row, r) => row.map((_, c) => cell(r, c))),
    rowTotals: counts.map((_, r) => cell(r, cols)),
    columnTotals: totalsRow.map((_, c) => cell(rows, c)),
    grandTotal: cell(rows, cols),
  };
}

/** How a cell reads on a page and in exports. */
export function cellText(cell: Cell): string {
  if (!cell.suppressed) return String(cell.value);
  return cell.reason === "small" ? "fewer than 5" : "hidden";
}

/** The note to show under a table with hidden cells. */
export const SUPPRESSION_NOTE =
  "Numbers from 1 to 4 show as 'fewer than 5'. Some other numbers are hidden so that a small number cannot be worked out from the totals.";
