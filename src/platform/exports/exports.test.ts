import ExcelJS from "exceljs";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { exportFormat, sendExport } from "./exports.js";

interface Row {
  name: string;
  fte: number;
  started: Date;
}

const columns = [
  { header: "Name", value: (r: Row) => r.name },
  { header: "FTE", value: (r: Row) => r.fte },
  { header: "Started", value: (r: Row) => r.started },
];

async function* manyRows(n: number): AsyncGenerator<Row> {
  for (let i = 0; i < n; i += 1)
    yield {
      name: `Worker ${i}`,
      fte: 0.5 + (i % 2) * 0.5,
      started: new Date(Date.UTC(2024, 0, 1 + (i % 28))),
    };
}

async function exportApp(rows: () => Iterable<Row> | AsyncIterable<Row>) {
  const app = Fastify();
  app.get("/x", async (request, reply) =>
    sendExport(
      reply,
      exportFormat((request.query as { format?: string }).format) ?? "csv",
      "team list",
      columns,
      rows(),
    ),
  );
  return app;
}

describe("exports", () => {
  it("streams CSV with a header row and neutralises spreadsheet formulas", async () => {
    const app = await exportApp(() => [
      { name: '=HYPERLINK("http://evil")', fte: 1, started: new Date("2025-09-30T00:00:00Z") },
      { name: 'Jo, "JJ" Smith', fte: -0.6, started: new Date("2024-01-02T00:00:00Z") },
    ]);
    const res = await app.inject({ url: "/x?format=csv" });
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="team-list.csv"');
    expect(
      res.body
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\n"),
    ).toEqual([
      "Name,FTE,Started",
      '"\'=HYPERLINK(""http://evil"")",1,2025-09-30T00:00:00.000Z',
      '"Jo, ""JJ"" Smith",-0.6,2024-01-02T00:00:00.000Z',
    ]);
    await app.close();
  });

  it("streams a large table to XLSX with typed cells", async () => {
    const app = await exportApp(() => manyRows(20_000));
    const res = await app.inject({ url: "/x?format=xlsx" });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("team list");
    expect(sheet?.rowCount).toBe(20_001);
    expect(sheet?.getRow(1).values).toEqual([undefined, "Name", "FTE", "Started"]);
    expect(sheet?.getRow(3).getCell(2).value).toBe(1);
    expect(sheet?.getRow(3).getCell(3).value).toEqual(new Date(Date.UTC(2024, 0, 2)));
    await app.close();
  });

  it("accepts only the formats it can produce", () => {
    expect(exportFormat("csv")).toBe("csv");
    expect(exportFormat("xlsx")).toBe("xlsx");
    expect(exportFormat("pdf")).toBeNull();
  });
});
