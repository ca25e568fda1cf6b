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
const hidden: Cell = { value: null, suppressed: true, reason: "small" };
const hiddenToo: Cell = { value: null, suppressed: true, reason: "secondary" };

export function isSmall(n: number): boolean {
  return n > 0 && n < THRESHOLD;
}

/** One count on its own (no totals beside it): primary suppression only. */
export function suppressCount(n: number): Cell {
  return isSmall(n) ? hidden : shown(n);
}

/**
 * A table of counts with row and column totals. Totals are themselves suppressed when small.
 * Where a row or column has exactly one hidden cell and its total is shown, the smallest other
 * non-zero cell in it is hidden too, repeated until no line gives a hidden cell away.
 */
export function suppressTable(counts: number[][]): SuppressedTable {
  const rows = counts.length;
  const cols = counts[0]?.length ?? 0;
  const hide: boolean[][] = counts.map((r) => r.map(isSmall));
  const rowTotal = counts.map((r) => r.reduce((a, b) => a + b, 0));
  const colTotal = Array.from({ length: cols }, (_, c) => counts.reduce((a, r) => a + (r[c] ?? 0), 0));
  const grand = rowTotal.reduce((a, b) => a + b, 0);
  const rowTotalHidden = rowTotal.map(isSmall);
  const colTotalHidden = colTotal.map(isSmall);

  const lineNeedsMore = (cells: { value: number; hidden: boolean }[], totalHidden: boolean) =>
    !totalHidden && cells.filter((c) => c.hidden).length === 1;

  let changed = true;
  while (changed) {
    changed = false;
    for (let r = 0; r < rows; r += 1) {
      const line = (counts[r] ?? []).map((value, c) => ({ value, hidden: hide[r]?.[c] ?? false, c }));
      if (lineNeedsMore(line, rowTotalHidden[r] ?? false)) {
        const pick = smallestVisible(line);
        if (pick !== null) {
          (hide[r] as boolean[])[pick] = true;
          changed = true;
        }
      }
    }
    for (let c = 0; c < cols; c += 1) {
      const line = counts.map((row, r) => ({ value: row[c] ?? 0, hidden: hide[r]?.[c] ?? false, c: r }));
      if (lineNeedsMore(line, colTotalHidden[c] ?? false)) {
        const pick = smallestVisible(line);
        if (pick !== null) {
          (hide[pick] as boolean[])[c] = true;
          changed = true;
        }
      }
    }
  }

  return {
    cells: counts.map((row, r) =>
      row.map((value, c) => (hide[r]?.[c] ? (isSmall(value) ? hidden : hiddenToo) : shown(value))),
    ),
    rowTotals: rowTotal.map((v, r) => (rowTotalHidden[r] ? hidden : shown(v))),
    columnTotals: colTotal.map((v, c) => (colTotalHidden[c] ? hidden : shown(v))),
    grandTotal: suppressCount(grand),
  };
}

/** The position of the smallest shown non-zero cell in a line, or null. */
function smallestVisible(line: { value: number; hidden: boolean; c: number }[]): number | null {
  const candidates = line.filter((x) => !x.hidden && x.value > 0).sort((a, b) => a.value - b.value);
  return candidates[0]?.c ?? null;
}

/** How a cell reads on a page and in exports. */
export function cellText(cell: Cell): string {
  if (!cell.suppressed) return String(cell.value);
  return cell.reason === "small" ? "fewer than 5" : "hidden";
}

/** The note to show under a table with hidden cells. */
export const SUPPRESSION_NOTE =
  "Numbers from 1 to 4 show as 'fewer than 5'. Some other numbers are hidden so that a small number cannot be worked out from the totals.";
