import { describe, expect, it } from "vitest";
import { decodeCsv, estimateRows, readCsvChunks } from "./csv.js";
import { mappingProblems, resolveHeaders } from "./mapping.js";
import { parseContractType, parseFeedDate, rowChecker } from "./row-schema.js";

async function records(text: string) {
  const out: { row: number; cells: string[] }[] = [];
  for await (const chunk of readCsvChunks(text, 2)) out.push(...chunk);
  return out;
}

describe("reading a CSV file", () => {
  it("numbers rows as a spreadsheet does: header row 1, blank lines counted, a cell may span lines", async () => {
    const text = 'Employee ID,Name\r\nE1,Alex\r\n\r\nE2,"Sam\nSmith"\r\nE3,Jo\r\n';
    expect(await records(text)).toEqual([
      { row: 1, cells: ["Employee ID", "Name"] },
      { row: 2, cells: ["E1", "Alex"] },
      { row: 4, cells: ["E2", "Sam\nSmith"] },
      { row: 5, cells: ["E3", "Jo"] },
    ]);
  });

  it("reads UTF-8 with a byte order mark, and Windows-1252 from older spreadsheets", () => {
    expect(decodeCsv(Buffer.from("\uFEFFName\nZoë\n", "utf8"))).toBe("Name\nZoë\n");
    expect(decodeCsv(Buffer.from([0x4e, 0x61, 0x6d, 0x65, 0x0a, 0x5a, 0x6f, 0xeb, 0x0a]))).toBe(
      "Name\nZoë\n",
    );
    expect(estimateRows("a\n1\n2\n")).toBe(2);
    expect(estimateRows("a\n1\n2")).toBe(2);
  });

  it("explains a file it cannot read", async () => {
    await expect(records('a,b\n1,"unclosed\n')).rejects.toThrow(/could not be read/);
  });
});

describe("a column mapping", () => {
  it("needs the employee ID and names, and all four assignment fields together", () => {
    expect(mappingProblems({ employee_id: "ID", given_name: "First", family_name: "Last" })).toEqual({});
    expect(Object.keys(mappingProblems({ employee_id: "ID", team_code: "Team" }))).toEqual([
      "given_name",
      "family_name",
      "job_role_code",
      "contract_type",
      "fte",
    ]);
    expect(
      mappingProblems({ employee_id: "ID", given_name: "Name", family_name: "name" }).family_name,
    ).toMatch(/cannot both come from/);
  });

  it("finds headers whatever their case and spacing, and names those missing", () => {
    expect(resolveHeaders({ employee_id: "Employee ID" }, [" employee id ", "x"])).toEqual({
      ok: true,
      columns: [["employee_id", 0, " employee id "]],
    });
    expect(resolveHeaders({ employee_id: "Employee ID", email: "Email" }, ["Email"])).toEqual({
      ok: false,
      missing: ["Employee ID"],
    });
  });
});

describe("checking a row", () => {
  const resolved = resolveHeaders(
    {
      employee_id: "Emp",
      given_name: "First",
      family_name: "Last",
      email: "Mail",
      started_on: "Start",
      swe_number: "SWE",
      team_code: "Team",
      job_role_code: "Role",
      contract_type: "Contract",
      fte: "FTE",
    },
    ["Emp", "First", "Last", "Mail", "Start", "SWE", "Team", "Role", "Contract", "FTE"],
  );
  if (!resolved.ok) throw new Error("mapping");
  const check = rowChecker(resolved.columns);

  it("normalises a good row", () => {
    expect(
      check(["E1", "Alex", "Morgan", "", "3/4/2021", "sw 1234", "T1", "SW", "Fixed-term", ".5"]),
    ).toEqual({
      ok: true,
      data: {
        employee_id: "E1",
        given_name: "Alex",
        family_name: "Morgan",
        email: null,
        started_on: "2021-04-03",
        swe_number: "SW1234",
        team_code: "T1",
        job_role_code: "SW",
        contract_type: "fixed_term",
        fte: 0.5,
      },
    });
  });

  it("reports every bad cell by its column header", () => {
    const result = check([
      "E1",
      "",
      "Morgan",
      "not-an-email",
      "31/02/2021",
      "SW0123",
      "T1",
      "SW",
      "Casual",
      "0",
    ]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      { column: "First", message: "Enter the first name" },
      { column: "Mail", message: "Enter an email address in the correct format, like name@example.com" },
      { column: "Start", message: "Start date must be a real date, as dd/mm/yyyy or yyyy-mm-dd" },
      { column: "SWE", message: "SWE number must be SW followed by up to 6 numbers, like SW12345" },
      {
        column: "Contract",
        message:
          "Contract type must be one of: Permanent, Fixed-term, Agency, Locum, Apprentice, Student, Secondee, Volunteer",
      },
      { column: "FTE", message: "FTE must be a number more than 0 and no more than 1.5, like 0.8" },
    ]);
    expect(!result.ok && result.externalId).toBe("E1");
  });

  it("reads dates and contract types as HR systems write them", () => {
    expect(parseFeedDate("2024-02-29")).toBe("2024-02-29");
    expect(parseFeedDate("29/02/2023")).toBeNull();
    expect(parseFeedDate("01/13/2023")).toBeNull();
    expect(parseContractType("FIXED TERM")).toBe("fixed_term");
    expect(parseContractType("agency")).toBe("agency");
  });
});
