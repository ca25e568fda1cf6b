import { readFileSync } from "node:fs";
import path from "node:path";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/platform/paths.js";
import {
  type AccessFixture,
  addDevelopmentRecords,
  addEarlyCareerRecords,
  addLearningRecords,
  addPerformanceRecords,
  addPracticeRecords,
  addWorkforceRecords,
  seedAccessFixture,
} from "../support/access-fixture.js";
import { buildTestApp, type TestApp } from "../support/app.js";
import { html } from "../support/html.js";

/** The table's columns, in order, and the role each signs in as (null: signed out). */
const columns: { heading: string; role: string | null }[] = [
  { heading: "Practitioner", role: "practitioner" },
  { heading: "Line manager", role: "line_manager" },
  { heading: "Service manager", role: "service_manager" },
  { heading: "L&D officer", role: "learning_and_development_officer" },
  { heading: "ASYE co-ordinator", role: "asye_coordinator" },
  { heading: "Assessor", role: "assessor" },
  { heading: "Supervising SW", role: "supervising_social_worker" },
  { heading: "HR analyst", role: "hr_workforce_analyst" },
  { heading: "QA lead", role: "quality_assurance_lead" },
  { heading: "Senior leader", role: "senior_leader" },
  { heading: "System admin", role: "system_administrator" },
  { heading: "External learner", role: "external_learner" },
  { heading: "Signed out", role: null },
];

type Outcome = "allow" | "403" | "404" | "sign-in" | "-";
interface Row {
  method: string;
  url: string;
  record: string;
  expected: Outcome[];
}

/** Reads docs/access-control.md's route table. */
function readTable(): Row[] {
  const text = readFileSync(path.join(projectRoot, "docs/access-control.md"), "utf8");
  const lines = text.split("\n").filter((l) => l.startsWith("| `"));
  const header = text
    .split("\n")
    .find((l) => l.startsWith("| Route"))
    ?.split("|")
    .slice(3, -1)
    .map((c) => c.trim());
  expect(header).toEqual(columns.map((c) => c.heading));
  return lines.map((line) => {
    const cells = line
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim());
    const [route = "", record = "", ...expected] = cells;
    const [method = "", url = ""] = route.replaceAll("`", "").split(" ");
    expect(expected, line).toHaveLength(columns.length);
    for (const e of expected) expect(["allow", "403", "404", "sign-in", "-"], line).toContain(e);
    return { method, url, record, expected: expected as Outcome[] };
  });
}

function outcomeOf(res: LightMyRequestResponse): Exclude<Outcome, "-"> {
  if (res.statusCode === 403) return "403";
  if (res.statusCode === 404) return "404";
  if (res.statusCode >= 300 && res.statusCode < 400 && String(res.headers.location).startsWith("/sign-in")) {
    return "sign-in";
  }
  return "allow";
}

describe("the access table (docs/access-control.md) over every registered route", () => {
  let t: TestApp;
  let f: AccessFixture;
  let rows: Row[];
  let development: Awaited<ReturnType<typeof addDevelopmentRecords>>;
  let earlyCareer: Awaited<ReturnType<typeof addEarlyCareerRecords>>;
  let practice: Awaited<ReturnType<typeof addPracticeRecords>>;
  let workforce: Awaited<ReturnType<typeof addWorkforceRecords>>;
  let performance: Awaited<ReturnType<typeof addPerformanceRecords>>;

  beforeAll(async () => {
    t = await buildTestApp({
      // Single sign-on configured (its provider is not running), so its routes are registered too.
      env: {
        OIDC_ISSUER_URL: "http://127.0.0.1:9/",
        OIDC_ALLOW_HTTP: "true",
        OIDC_CLIENT_ID: "workforce-academy",
        OIDC_CLIENT_SECRET: "not-a-secret",
      },
    });
    f = await seedAccessFixture(t);
    await addLearningRecords(t, f);
    development = await addDevelopmentRecords(t, f);
    earlyCareer = await addEarlyCareerRecords(t, f);
    practice = await addPracticeRecords(t, f);
    workforce = await addWorkforceRecords(t, f);
    performance = await addPerformanceRecords(t, f);
    rows = readTable();
  }, 120_000);
  afterAll(() => t.close());

  it("has a row for every registered route and no row for a route that does not exist", () => {
    const registered = new Set(t.app.declaredRoutes.map((r) => `${r.method} ${r.url}`));
    // A row may ask with a query string (e.g. ?unit=:unitId): the route is the path before it.
    const tabled = new Set(rows.map((r) => `${r.method} ${r.url.split("?")[0]}`));
    expect(
      [...registered].filter((r) => !tabled.has(r)),
      "routes missing from the table",
    ).toEqual([]);
    expect(
      [...tabled].filter((r) => !registered.has(r)),
      "rows for no route",
    ).toEqual([]);
  });

  it("answers each role as the table says, for each kind of record", async () => {
    const sessions = new Map<string, string>();
    const sessionFor = async (role: string): Promise<string> => {
      const fixture = f.roles[role];
      if (!fixture) throw new Error(`No fixture for ${role}`);
      return t.signIn({ roles: fixture.grants, personId: fixture.personId, displayName: role });
    };
    const cookieFor = async (role: string): Promise<string> => {
      let cookie = sessions.get(role);
      if (!cookie) {
        cookie = await sessionFor(role);
        sessions.set(role, cookie);
      }
      return cookie;
    };

    const councilRecord = (param: string, record: string): string => {
      const ours = record === "this council";
      const records = ours ? f.council : f.other;
      if (param === "sourceId") return records.source;
      if (param === "runId") return records.run;
      if (param === "id") return records.possibleLeaver;
      if (param === "rowNumber") return "1";
      if (param === "userId") return records.user;
      if (param === "courseId") return records.course;
      const learning: Record<string, string | undefined> = {
        requirementId: records.requirement,
        learningRecordId: records.learningRecord,
        sessionId: records.session,
        bookingId: records.booking,
        elearningRunId: records.elearningRun,
        titleId: records.title,
        jobId: records.exportJob,
        cpdEntryId: (ours ? development.council : development.other).cpdEntry,
        cpdEvidenceId: (ours ? development.council : development.other).cpdEvidence,
        needId: (ours ? development.council : development.other).need,
      };
      // Early career: this council's enrolment is the practitioner's own; "out of scope" is Olive's.
      const early =
        record === "other council"
          ? earlyCareer.other
          : record === "out of scope"
            ? earlyCareer.outOfScope
            : earlyCareer.council;
      Object.assign(learning, {
        programmeId: early.programme,
        cohortId: early.cohort,
        enrolmentId: early.enrolment,
        milestoneId: early.milestone,
        evidenceId: early.evidence,
        progressionId: early.progression,
      });
      const practiceRecords =
        record === "other council"
          ? practice.other
          : record === "out of scope"
            ? practice.outOfScope
            : practice.council;
      Object.assign(learning, {
        supervisionId: practiceRecords.supervision,
        agreementId: practiceRecords.agreement,
        observationId: practiceRecords.observation,
        ruleId: practiceRecords.rule,
        importId: practiceRecords.import,
        cycleId: practiceRecords.cycle,
        appraisalId: practiceRecords.appraisal,
        snapshotId: practiceRecords.snapshot,
        targetId: practiceRecords.target,
        weightId: practiceRecords.weight,
      });
      const workforceRecords =
        record === "other council"
          ? workforce.other
          : record === "out of scope"
            ? workforce.outOfScope
            : workforce.council;
      Object.assign(learning, {
        feedRunId: workforceRecords.feedRun,
        returnId: workforceRecords.censusReturn,
        jobRoleId: workforceRecords.jobRole,
        conversationId: workforceRecords.conversation,
        campaignId: workforceRecords.campaign,
        applicantId: workforceRecords.applicant,
        year: "2026",
      });
      const performanceRecords =
        record === "other council"
          ? performance.other
          : record === "out of scope"
            ? performance.outOfScope
            : performance.council;
      Object.assign(learning, {
        performanceTargetId: performanceRecords.performanceTarget,
        entryId: performanceRecords.entry,
        planId: performanceRecords.plan,
        outcomeId: performanceRecords.outcome,
        actionId: performanceRecords.action,
        measureKey: "supervision_in_date",
        periodEnd: "2026-10-31",
      });
      const learningRecord = learning[param];
      if (learningRecord) return learningRecord;
      if (param === "table") return "people";
      if (param === "recordId") return ours ? f.council.historyPerson : f.other.person;
      throw new Error(`No council record for :${param}`);
    };
    const urlFor = (row: Row, role: string | null): string | null =>
      row.url.replace(/:(\w+)/g, (_, param: string) => {
        if (param === "token") return "no-such-token";
        const fixture = f.roles[role ?? "hr_workforce_analyst"];
        if (!fixture) throw new Error(`No fixture for ${role}`);
        const kind = row.record;
        if (param === "evaluationId") {
          // The evaluation request of the person the role's record of this kind names.
          if (kind === "other council") return development.other.evaluations.get(f.other.person) ?? "";
          const person = fixture.person[kind as "own"] ?? fixture.person["out of scope"];
          const id = development.council.evaluations.get(person);
          if (!id) throw new Error(`No evaluation for ${role}'s ${kind} person`);
          return id;
        }
        if (param === "personId" || param === "unitId" || param === "householdId") {
          const type = param === "personId" ? "person" : param === "unitId" ? "unit" : "household";
          if (kind === "other council") return f.other[type === "person" ? "person" : type];
          // A role with no such record (the table says "-" where it matters) is refused before
          // any record is looked up: any record of the type will do.
          const records = fixture[type] as Record<string, string | undefined>;
          const id = records[kind] ?? records["out of scope"];
          if (!id) throw new Error(`${role} has no ${kind} ${type} for ${row.method} ${row.url}`);
          return id;
        }
        return councilRecord(param, kind);
      });

    const mismatches: string[] = [];
    for (const row of rows) {
      for (const [i, column] of columns.entries()) {
        const expected = row.expected[i];
        if (expected === "-" || expected === undefined) continue;
        const url = urlFor(row, column.role);
        if (url === null) continue;
        let res: LightMyRequestResponse;
        if (row.method === "GET") {
          const cookie = column.role ? await cookieFor(column.role) : "";
          res = await t.app.inject({ method: "GET", url, headers: cookie ? { cookie } : {} });
        } else {
          // A fresh session (the form may sign out), its CSRF token from a page, an empty form.
          const signedIn = column.role ? await sessionFor(column.role) : null;
          const start = signedIn
            ? await t.app.inject({ url: "/reference", headers: { cookie: signedIn } })
            : await t.app.inject({ url: "/sign-in" });
          const cookie = signedIn ?? String(start.headers["set-cookie"]).split(";")[0];
          const token = html(start.body).querySelector('input[name="_csrf"]')?.getAttribute("value") ?? "";
          res = await t.app.inject({
            method: "POST",
            url,
            headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
            payload: new URLSearchParams({ _csrf: token }).toString(),
          });
        }
        const actual = outcomeOf(res);
        if (actual !== expected) {
          mismatches.push(
            `${row.method} ${row.url} [${row.record}] as ${column.heading}: table says ${expected}, got ${actual} (${res.statusCode})`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
    // About 8,500 requests (every row, every role): 6 to 10 minutes on CI's 2 CPUs, more on a busy machine.
  }, 1_800_000);
});
