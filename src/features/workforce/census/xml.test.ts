import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseRules } from "./rules.js";
import { readCensusSchema } from "./spec.js";
import { repositorySpecifications, SPECS_DIR } from "./specifications.js";
import { censusDataset, censusWorker } from "./test-fixture.js";
import { buildCensusReturn, type CensusSpec, escapeXml } from "./xml.js";
import { schemaCompiles, xmllint } from "./xmllint.js";

const xsd = readFileSync(path.join(SPECS_DIR, "2022/social_work_workforce_2022.xsd"), "utf8");
const rules = repositorySpecifications().find((s) => s.year === 2022)?.rules;
if (!rules) throw new Error("no 2022 rules");
const spec: CensusSpec = { year: 2022, xsd, schema: readCensusSchema(xsd), rules };
const header = { leaNumber: "999", softwareCode: "Workforce Academy", dateTime: "2026-11-23T09:00:00.000Z" };

/** A one-worker message with this SWENo, written by hand, for checking the schema itself. */
const oneWorker = (swe: string) => `<?xml version="1.0"?>
<Message><LALevelVacancies><NumberOfVacancies>1.00</NumberOfVacancies><NoAgencyFTE>0.00</NoAgencyFTE><NoAgencyHeadcount>0</NoAgencyHeadcount></LALevelVacancies>
<CSWWWorker><AgencyWorker>0</AgencyWorker><SWENo>${escapeXml(swe)}</SWENo><QualInst>Somewhere</QualInst></CSWWWorker></Message>`;

describe("the 2022 specification (the repository's corrected copy)", () => {
  it("reads the code lists from the schema's enumerations", () => {
    expect(spec.schema.workerElement).toBe("CSWWWorker");
    expect(spec.schema.codeLists.OrgRole).toEqual({
      "1": "Senior Manager",
      "2": "Middle Manager",
      "3": "First Line Manager",
      "4": "Senior Practicioner",
      "5": "Case Holder",
      "6": "Qualified Without Cases",
    });
    expect(Object.keys(spec.schema.codeLists.ReasonLeave ?? {})).toHaveLength(10);
    expect(Object.keys(spec.schema.codeLists.Ethnicity ?? {})).toContain("WBRI");
    expect(spec.schema.codeLists.QualLevel).toEqual({
      "1": "Under-graduate",
      "2": "Post-graduate",
      "3": "Other",
    });
    expect(Object.keys(spec.schema.codeLists)).toEqual(
      expect.arrayContaining([
        "StartOrigin",
        "LeaverDestination",
        "CFKSSstatus",
        "StepUpGrad",
        "GenderCurrent",
      ]),
    );
    expect(spec.schema.worker.map((e) => e.name).slice(0, 4)).toEqual([
      "AgencyWorker",
      "SWENo",
      "FTE",
      "PersonBirthDate",
    ]);
  });

  it("accepts real Social Work England numbers and refuses the original pattern's made-up ones", async () => {
    expect((await xmllint(xsd, oneWorker("SW12345"))).valid).toBe(true);
    expect((await xmllint(xsd, oneWorker("SW1"))).valid).toBe(true);
    for (const bad of ["Oz2054309383", "SW012345", "SW1234567", "sw12345"]) {
      const result = await xmllint(xsd, oneWorker(bad));
      expect(result.valid, bad).toBe(false);
      expect(result.messages.join(" ")).toContain("SWENo");
    }
    const original = xsd.replace("SW[1-9][0-9]{0,5}", "[A-Za-z]{2}\\d{10}");
    expect((await xmllint(original, oneWorker("Oz2054309383"))).valid).toBe(true);
    expect((await xmllint(original, oneWorker("SW12345"))).valid).toBe(false);
  });

  it("compiles with xmllint, and a broken schema does not", async () => {
    expect((await schemaCompiles(xsd)).ok).toBe(true);
    const broken = xsd.replace('type="swetype"', 'type="nosuchtype"');
    expect((await schemaCompiles(broken)).ok).toBe(false);
  });
});

describe("buildCensusReturn", () => {
  it("writes a return that validates: a case holder, a part-time worker, a leaver, an agency worker", async () => {
    const workers = [
      censusWorker(),
      censusWorker({ fte: 0.6, cases30: 9, stepUpGrad: true, cfkssStatus: 1, qualificationLevel: 1 }),
      censusWorker({
        inPost: false,
        roleEndDate: "2026-09-30",
        reasonLeave: 1,
        leaverDestination: 1,
        cases30: null,
        fte: 0.8,
      }),
      censusWorker({
        agency: true,
        roleStartDate: null,
        qualificationLevel: null,
        startOrigin: null,
        birthDate: null,
      }),
      censusWorker({ qualificationInstitution: "Brunel & Goldsmiths <joint>" }),
    ];
    const draft = buildCensusReturn(spec, censusDataset(workers), header);
    expect(draft.blockers).toEqual([]);
    expect(draft.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(draft.included).toHaveLength(5);
    const xml = draft.xml ?? "";
    const result = await xmllint(xsd, xml);
    expect(result.messages).toEqual([]);
    expect(result.valid).toBe(true);
    expect(xml).toContain("<LEA>999</LEA>");
    expect(xml).toContain("<SoftwareCode>Workforce Academy</SoftwareCode>");
    expect(xml).toContain("<DateTime>2026-11-23T09:00:00Z</DateTime>");
    expect(xml).toContain("<NumberOfVacancies>3.50</NumberOfVacancies>");
    expect(xml).toContain("<FTE>0.600000</FTE>");
    expect(xml).toContain("Brunel &amp; Goldsmiths &lt;joint&gt;");
    // The leaver has no FTE30 (not in post) and no Cases30: optional elements with no value are left out.
    const leaver = xml.split("<CSWWWorker>")[3] ?? "";
    expect(leaver).toContain("<ReasonLeave>1</ReasonLeave>");
    expect(leaver).not.toContain("FTE30");
    expect(leaver).not.toContain("Cases30");
    // Never the display name.
    expect(xml).not.toContain("Worker ");
  });

  it("leaves out a record missing its SWE number and reports it; the rest still validates", async () => {
    const missing = censusWorker({ sweNumber: null, displayName: "Nina Nonumber" });
    const draft = buildCensusReturn(spec, censusDataset([censusWorker(), missing]), header);
    expect(draft.included).toHaveLength(1);
    expect(draft.excluded.map((w) => w.displayName)).toEqual(["Nina Nonumber"]);
    expect(draft.problems).toEqual([
      {
        personId: missing.personId,
        displayName: "Nina Nonumber",
        field: "SWENo",
        label: "Social Work England registration number",
        message: "The Social Work England registration number is missing",
        severity: "error",
      },
    ]);
    expect((await xmllint(xsd, draft.xml ?? "")).valid).toBe(true);
  });

  it("reports each rule's failure in plain English and keeps records with only warnings", async () => {
    const cases = [
      censusWorker({ fte: null, displayName: "No FTE" }),
      censusWorker({ fte: 1.2, displayName: "Too much FTE" }),
      censusWorker({ orgRole: null, displayName: "Unmapped" }),
      censusWorker({ qualificationInstitution: null, displayName: "No institution" }),
      censusWorker({ sweNumber: "SW0123", displayName: "Bad number" }),
      censusWorker({ inPost: false, roleEndDate: "2026-05-01", displayName: "No reason", reasonLeave: null }),
      censusWorker({ gender: "7", displayName: "Bad code" }),
      censusWorker({ cases30: null, displayName: "No caseload" }),
    ];
    const draft = buildCensusReturn(spec, censusDataset([censusWorker(), ...cases]), header);
    const by = (name: string) => draft.problems.filter((p) => p.displayName === name).map((p) => p.message);
    expect(by("No FTE")).toEqual(["The full-time equivalent (FTE) is missing"]);
    expect(by("Too much FTE")).toEqual([
      "The FTE must be more than 0 and no more than 1",
      "FTE at 30 September must be no more than 1",
    ]);
    expect(by("Unmapped")).toEqual(["No DfE role: their job role is not mapped to a DfE role code"]);
    expect(by("No institution")).toEqual([
      "The qualification institution is missing: add it to their census details",
    ]);
    expect(by("Bad number")).toEqual([
      "The Social Work England registration number must be SW and 1 to 6 digits, like SW12345",
    ]);
    expect(by("No reason")).toEqual([
      "The reason for leaving is missing: record it on their leaving",
      "Where they went is not recorded",
    ]);
    expect(by("Bad code")).toEqual(["7 is not a code the 2022 specification allows for gender"]);
    expect(by("No caseload")).toEqual(["No caseload at 30 September for someone in a case-holding role"]);
    expect(draft.included.map((w) => w.displayName)).toEqual([expect.any(String), "No caseload"]);
    expect((await xmllint(xsd, draft.xml ?? "")).valid).toBe(true);
  });

  it("makes no file without an LEA number or without a record that passes", () => {
    const noLea = buildCensusReturn(spec, censusDataset([censusWorker()]), { ...header, leaNumber: null });
    expect(noLea.xml).toBeNull();
    expect(noLea.blockers[0]).toMatch(/LEA number/);
    const none = buildCensusReturn(spec, censusDataset([censusWorker({ sweNumber: null })]), header);
    expect(none.xml).toBeNull();
    expect(none.blockers).toEqual(["No record would pass: there is nothing to send"]);
  });
});

describe("parseRules", () => {
  it("refuses text that is not JSON or not in the format", () => {
    expect(parseRules("{")).toEqual({ ok: false, message: "The validation rules must be JSON" });
    const wrong = parseRules(
      JSON.stringify({ rules: [{ id: "x", field: "SWENo", check: "sometimes", message: "m" }] }),
    );
    expect(wrong.ok).toBe(false);
    expect(parseRules(JSON.stringify({ rules: [] })).ok).toBe(true);
  });
});
