import { describe, expect, it } from "vitest";
import { cellText, suppressCount, suppressTable } from "./suppression.js";

const view = (t: ReturnType<typeof suppressTable>) => t.cells.map((r) => r.map(cellText));

describe("small-number suppression", () => {
  it("shows fewer than 5 for 1 to 4, and shows 0 and 5 or more", () => {
    expect([0, 1, 4, 5, 12].map((n) => cellText(suppressCount(n)))).toEqual([
      "0",
      "fewer than 5",
      "fewer than 5",
      "5",
      "12",
    ]);
  });

  it("hides a second cell so a hidden one cannot be worked out from the row total", () => {
    // Worked by hand. The 3 is small. Row 1's total (30) is shown, so the 3 = 30 - 10 - 17: hide
    // the 10 too. Column 1 (10, 12; total 22) then has one hidden cell: hide the 12. Column 2
    // (3, 8; total 11) likewise: hide the 8. Row 2 now has two hidden cells: done.
    const table = suppressTable([
      [10, 3, 17],
      [12, 8, 7],
    ]);
    expect(view(table)).toEqual([
      ["hidden", "fewer than 5", "17"],
      ["hidden", "hidden", "7"],
    ]);
  });

  it("never leaves exactly one hidden cell in a line whose total is shown", () => {
    const table = suppressTable([
      [20, 2, 30, 6],
      [15, 9, 1, 40],
      [7, 25, 12, 3],
    ]);
    const lines = [
      ...table.cells.map((r, i) => ({ cells: r, total: table.rowTotals[i] })),
      ...[0, 1, 2, 3].map((c) => ({ cells: table.cells.map((r) => r[c]), total: table.columnTotals[c] })),
    ];
    for (const line of lines) {
      const hiddenCount = line.cells.filter((c) => c?.suppressed).length;
      if (!line.total?.suppressed) expect(hiddenCount).not.toBe(1);
    }
  });

  it("suppresses small totals too", () => {
    const table = suppressTable([[1, 2]]);
    expect(table.rowTotals[0] && cellText(table.rowTotals[0])).toBe("fewer than 5");
    expect(cellText(table.grandTotal)).toBe("fewer than 5");
  });

  // Every row, column, the row of column totals and the column of row totals is a sum: none may
  // have exactly one hidden number in it, totals included, or that number is the rest's difference.
  const oneHiddenLines = (counts: number[][]) => {
    const t = suppressTable(counts);
    const grid = [...t.cells.map((r, i) => [...r, t.rowTotals[i]]), [...t.columnTotals, t.grandTotal]];
    const width = (grid[0] ?? []).length;
    const lines = [...grid, ...Array.from({ length: width }, (_, c) => grid.map((r) => r[c]))];
    return lines.filter((line) => line.filter((cell) => cell?.suppressed).length === 1);
  };

  it("hides a zero's neighbour or the total when the other cells are zeros", () => {
    // Row 2 is 0 | 12 | 0: once 12 is hidden beside shown zeros, its total would give it away
    expect(
      oneHiddenLines([
        [2, 10, 0],
        [0, 12, 0],
      ]),
    ).toEqual([]);
  });

  it("protects a small row total from the grand total", () => {
    // Row totals "fewer than 5" and 20 with a grand total of 23 would give the 3 away
    const table = suppressTable([
      [1, 2],
      [10, 10],
    ]);
    expect(table.rowTotals.map((c) => c && cellText(c))).toEqual(["fewer than 5", "hidden"]);
    expect(
      oneHiddenLines([
        [1, 2],
        [10, 10],
      ]),
    ).toEqual([]);
  });

  it("leaves no line with one hidden number in a thousand random tables", () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let n = 0; n < 1000; n += 1) {
      const rows = 1 + Math.floor(next() * 5);
      const cols = 1 + Math.floor(next() * 6);
      const counts = Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () => (next() < 0.3 ? 0 : Math.floor(next() * (next() < 0.5 ? 6 : 40)))),
      );
      expect(oneHiddenLines(counts), JSON.stringify(counts)).toEqual([]);
    }
  });
});
