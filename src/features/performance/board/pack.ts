import ExcelJS from "exceljs";
import type { IsoDate } from "../../../platform/dates.js";
import { shortMonth } from "../scorecard/format.js";

/** The board report's figures as plain data: what the page shows and the XLSX pack holds. */
export interface BoardPack {
  periodEnd: IsoDate;
  periodName: string;
  provisional: boolean;
  councilName: string;
  measures: {
    title: string;
    value: string;
    target: string;
    rag: string;
    direction: string;
    targetDate: IsoDate | null;
    source: string;
    /** Figures for `months`, in order (null: none; hidden counts fewer than 5 people). */
    trend: (number | null | "hidden")[];
  }[];
  /** The trend's month ends, oldest first. */
  months: IsoDate[];
  actions: {
    outcome: string;
    action: string;
    owner: string;
    due: IsoDate;
    status: string;
    overdue: boolean;
  }[];
  commentary: { measure: string; author: string; date: IsoDate; text: string }[];
}

/** Text a spreadsheet cell shows as text: one starting = + - @ is not read as a formula. */
function safe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function addSheet(workbook: ExcelJS.Workbook, name: string, headers: string[], rows: ExcelJS.CellValue[][]) {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = headers.map((header) => ({ header, width: Math.max(12, header.length + 2) }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  for (const row of rows) sheet.addRow(row.map((v) => (typeof v === "string" ? safe(v) : v)));
  return sheet;
}

/** The board pack: sheets Scorecard, Trends (measure by month), Action plan and Commentary. */
export function boardWorkbook(pack: BoardPack): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = pack.councilName;
  workbook.title = `Board pack ${pack.periodName}`;
  const scorecard = addSheet(
    workbook,
    "Scorecard",
    ["Measure", "Value", "Target", "RAG", "Direction", "Target date", "Source"],
    pack.measures.map((m) => [m.title, m.value, m.target, m.rag, m.direction, m.targetDate ?? "", m.source]),
  );
  scorecard.getColumn(1).width = 42;
  const trends = addSheet(
    workbook,
    "Trends",
    ["Measure", ...pack.months.map((p) => shortMonth(p, true))],
    pack.measures.map((m) => [m.title, ...m.trend.map((v) => v ?? "")]),
  );
  trends.getColumn(1).width = 42;
  const plan = addSheet(
    workbook,
    "Action plan",
    ["Outcome", "Action", "Owner", "Due", "Status", "Overdue"],
    pack.actions.map((a) => [a.outcome, a.action, a.owner, a.due, a.status, a.overdue ? "Overdue" : ""]),
  );
  plan.getColumn(1).width = 40;
  plan.getColumn(2).width = 50;
  const commentary = addSheet(
    workbook,
    "Commentary",
    ["Measure", "Author", "Date", "Text"],
    pack.commentary.map((c) => [c.measure, c.author, c.date, c.text]),
  );
  commentary.getColumn(1).width = 42;
  commentary.getColumn(4).width = 100;
  commentary.getColumn(4).alignment = { wrapText: true, vertical: "top" };
  return workbook;
}

/** "board-pack-2026-10-31.xlsx" (with "-provisional" for the current month). */
export function packFilename(pack: Pick<BoardPack, "periodEnd" | "provisional">): string {
  return `board-pack-${pack.periodEnd}${pack.provisional ? "-provisional" : ""}.xlsx`;
}
