import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { type BoardPack, boardWorkbook, packFilename } from "./pack.js";

const pack: BoardPack = {
  periodEnd: "2026-10-31",
  periodName: "October 2026",
  provisional: false,
  councilName: "Test Borough Council",
  months: ["2026-09-30", "2026-10-31"],
  measures: [
    {
      title: "Supervision in date",
      value: "78.0%",
      target: "at least 90%",
      rag: "Red",
      direction: "Higher is better",
      targetDate: "2027-03-31",
      source: "Computed",
      trend: [75.5, 78],
    },
    {
      title: "Average caseload",
      value: "Hidden (small numbers)",
      target: "at most 16",
      rag: "",
      direction: "Lower is better",
      targetDate: null,
      source: "Computed",
      trend: [null, "hidden"],
    },
  ],
  actions: [
    {
      outcome: "1. A stable workforce",
      action: "Run a recruitment campaign",
      owner: "Sid Senior",
      due: "2026-09-30",
      status: "On track",
      overdue: true,
    },
  ],
  commentary: [
    {
      measure: "Supervision in date",
      author: "Sid Senior",
      date: "2026-11-02",
      text: "=SUM(A1) is not a formula",
    },
  ],
};

async function reopen(workbook: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const buffer = await workbook.xlsx.writeBuffer();
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(buffer);
  return back;
}

const rowsOf = (sheet: ExcelJS.Worksheet | undefined) => {
  const out: unknown[][] = [];
  sheet?.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
};

describe("the board pack workbook", () => {
  it("has the four sheets with the report's rows", async () => {
    const book = await reopen(boardWorkbook(pack));
    expect(book.worksheets.map((s) => s.name)).toEqual(["Scorecard", "Trends", "Action plan", "Commentary"]);
    expect(rowsOf(book.getWorksheet("Scorecard"))).toEqual([
      ["Measure", "Value", "Target", "RAG", "Direction", "Target date", "Source"],
      ["Supervision in date", "78.0%", "at least 90%", "Red", "Higher is better", "2027-03-31", "Computed"],
      ["Average caseload", "Hidden (small numbers)", "at most 16", "", "Lower is better", "", "Computed"],
    ]);
    expect(rowsOf(book.getWorksheet("Trends"))).toEqual([
      ["Measure", "Sep 2026", "Oct 2026"],
      ["Supervision in date", 75.5, 78],
      ["Average caseload", "", "hidden"],
    ]);
    expect(rowsOf(book.getWorksheet("Action plan"))).toEqual([
      ["Outcome", "Action", "Owner", "Due", "Status", "Overdue"],
      [
        "1. A stable workforce",
        "Run a recruitment campaign",
        "Sid Senior",
        "2026-09-30",
        "On track",
        "Overdue",
      ],
    ]);
    const commentary = rowsOf(book.getWorksheet("Commentary"));
    expect(commentary[1]).toEqual([
      "Supervision in date",
      "Sid Senior",
      "2026-11-02",
      "'=SUM(A1) is not a formula",
    ]);
  });

  it("names the file by its period, provisional for the current month", () => {
    expect(packFilename(pack)).toBe("board-pack-2026-10-31.xlsx");
    expect(packFilename({ periodEnd: "2026-11-30", provisional: true })).toBe(
      "board-pack-2026-11-30-provisional.xlsx",
    );
  });
});
