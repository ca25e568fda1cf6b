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
});
