import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { seedLeaversFixture } from "./test-fixture.js";

/** The starters and leavers page on the hand-worked fixture (today 23 November 2026). */
describe("starters and leavers page", () => {
  let t: TestApp;
  let id: Record<string, string>;
  let hr: string;
  let safeguarding: string;
  let earlyHelp: string;
  let practitioner: string;
  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
  const rows = (body: string, table: string) =>
    html(body)
      .querySelectorAll(`[data-table="${table}"] tbody tr`)
      .map((tr) => tr.querySelectorAll("th, td").map((c) => text(c)));
  const turnover = (body: string) =>
    html(body).querySelector("[data-turnover-rate]")?.getAttribute("data-turnover-rate");

  beforeAll(async () => {
    t = await buildTestApp();
    const f = await seedLeaversFixture(t);
    id = f.id;
    hr = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: null }] });
    safeguarding = await t.signIn({ roles: [{ role: "service_manager", unitId: id.S1 as string }] });
    earlyHelp = await t.signIn({ roles: [{ role: "service_manager", unitId: id.S2 as string }] });
    practitioner = await t.signIn({ roles: [{ role: "practitioner", unitId: null }], personId: id.alice });
  });
  afterAll(() => t.close());

  it("shows Safeguarding's social workers in 2026 by month, as worked by hand", async () => {
    const res = await get("/workforce/starters-and-leavers?year=2026", safeguarding);
    expect(res.statusCode).toBe(200);
    const months = rows(res.body, "months");
    expect(months.map((r) => r[0])).toEqual([
      "Oct 25",
      "Nov 25",
      "Dec 25",
      "Jan 26",
      "Feb 26",
      "Mar 26",
      "Apr 26",
      "May 26",
      "Jun 26",
      "Jul 26",
      "Aug 26",
      "Sep 26",
    ]);
    // Starters: Stu (Feb), Sal (Mar), Rae back (May), Sue (Jul). Leavers: Lev1-6, Rae (Jan), Sal (Mar).
    expect(months.map((r) => r[1]).join(",")).toBe("0,0,0,0,1,1,0,1,0,1,0,0");
    expect(months.map((r) => r[3]).join(",")).toBe("1,1,0,2,0,2,0,0,1,0,0,1");
    // Same month: Sal started and left in March (0.5), Lev4 left (1.0).
    expect(months[5]).toEqual(["Mar 26", "1", "0.5", "2", "1.5"]);
    // A leaver on 30 September is in that year.
    expect(months[11]?.[3]).toBe("1");
    const years = rows(res.body, "years");
    expect(years.map((r) => r.slice(0, 2).concat(r[3] as string))).toEqual([
      ["2022", "6", "0"],
      ["2023", "3", "0"],
      ["2024", "0", "0"],
      ["2025", "0", "0"],
      ["2026", "4", "8"],
    ]);
    expect(years[4]).toEqual(["2026", "4", "2.9", "8", "7.5"]);
    const page = html(res.body);
    expect(page.querySelector('[data-chart="leavers-by-month"]')).not.toBeNull();
  });

  it("shows the turnover rate with its formula and inputs", async () => {
    const res = await get("/workforce/starters-and-leavers?year=2026", safeguarding);
    // 7.5 FTE leavers / 4.9 FTE in post at 30 September 2026 (Lev6 left that day: not in post).
    expect(turnover(res.body)).toBe("153.1");
    const page = html(res.body);
    expect(text(page.querySelector("[data-leavers-fte]"))).toBe("7.5");
    expect(text(page.querySelector("[data-in-post-fte]"))).toBe("4.9");
    expect(text(page.querySelector("[data-turnover-inputs]"))).toContain(
      "In post on 30 September 2026 (FTE)",
    );
    expect(text(page.querySelector("[data-turnover-inputs]"))).toContain(
      "Leavers in the year (FTE) ÷ FTE in post",
    );
  });

  it("suppresses reasons, destinations, themes, roles and stay outcomes under 5", async () => {
    const res = await get("/workforce/starters-and-leavers?year=2026", safeguarding);
    expect(rows(res.body, "reasons")[0]).toEqual(["Resignation", "8"]);
    expect(rows(res.body, "reasons").at(-1)).toEqual(["All leavers", "8"]);
    const destinations = rows(res.body, "destinations");
    expect(destinations[0]).toEqual([
      "Social worker role in a different local authority in England",
      "hidden",
    ]);
    expect(destinations.find((r) => r[0] === "Not recorded")).toEqual(["Not recorded", "fewer than 5"]);
    expect(destinations.at(-1)).toEqual(["All leavers", "8"]);
    const themes = rows(res.body, "themes");
    expect(themes).toContainEqual(["Workload", "6"]);
    expect(themes).toContainEqual(["Pay", "fewer than 5"]);
    expect(themes).toContainEqual(["Career path", "0"]);
    expect(text(html(res.body).querySelector("[data-with-themes]"))).toBe("7");
    expect(rows(res.body, "roles")[0]).toEqual(["Social worker", "fewer than 5", "hidden"]);
    expect(text(html(res.body).querySelector("[data-stay-held]"))).toBe("6");
    expect(text(html(res.body).querySelector("[data-stay-later-left]"))).toBe("5");
    expect(rows(res.body, "stay-outcomes")).toContainEqual(["Staying", "fewer than 5"]);
    expect(rows(res.body, "stay-outcomes")).toContainEqual(["Left", "hidden"]);
    expect(html(res.body).querySelector("[data-suppression-note]")).not.toBeNull();
  });

  it("counts all staff when asked, and the whole council for HR", async () => {
    const all = await get("/workforce/starters-and-leavers?year=2026&staff=all", safeguarding);
    // Fay, a family support worker, starts in April.
    expect(rows(all.body, "months")[6]?.[1]).toBe("1");
    const council = await get("/workforce/starters-and-leavers?year=2026", hr);
    // Ela retired from Early Help in April.
    expect(rows(council.body, "months")[6]?.[3]).toBe("1");
    expect(rows(council.body, "reasons").at(-1)).toEqual(["All leavers", "9"]);
    expect(rows(council.body, "reasons").find((r) => r[0] === "Retired")).toEqual([
      "Retired",
      "fewer than 5",
    ]);
    const team = await get(`/workforce/starters-and-leavers?year=2026&unit=${id.T2}`, hr);
    expect(rows(team.body, "years")[4]).toEqual(["2026", "1", "0.5", "1", "0.5"]);
  });

  it("answers 404 for a unit outside the scope or unknown, 403 without the permission", async () => {
    expect((await get(`/workforce/starters-and-leavers?unit=${id.T1}`, earlyHelp)).statusCode).toBe(404);
    expect((await get(`/workforce/starters-and-leavers?unit=${id.S2}`, earlyHelp)).statusCode).toBe(200);
    expect(
      (await get("/workforce/starters-and-leavers?unit=00000000-0000-4000-8000-000000000099", hr)).statusCode,
    ).toBe(404);
    expect((await get("/workforce/starters-and-leavers?unit=nonsense", hr)).statusCode).toBe(404);
    expect((await get("/workforce/starters-and-leavers", practitioner)).statusCode).toBe(403);
    const early = await get("/workforce/starters-and-leavers?year=2026", earlyHelp);
    expect(rows(early.body, "years")[4]).toEqual(["2026", "0", "0", "1", "1"]);
  });

  it("reports a year not in the list", async () => {
    const res = await get("/workforce/starters-and-leavers?year=1990", hr);
    expect(res.statusCode).toBe(400);
    expect(text(html(res.body).querySelector(".govuk-error-summary"))).toContain(
      "Select a census year from the list",
    );
  });

  it("exports the tables as CSV and Excel", async () => {
    const csv = await get("/workforce/starters-and-leavers?year=2026&table=months&format=csv", safeguarding);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body).toContain("Month,From,To,Starters,Starters (FTE),Leavers,Leavers (FTE)");
    expect(csv.body).toContain("Mar 26,2026-03-01,2026-03-31,1,0.5,2,1.5");
    const reasons = await get(
      "/workforce/starters-and-leavers?year=2026&table=destinations&format=csv",
      safeguarding,
    );
    expect(reasons.body).toContain("Not recorded,fewer than 5");
    const xlsx = await get("/workforce/starters-and-leavers?year=2026&table=roles&format=xlsx", safeguarding);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
  });

  it("changes at once when HR records a leaver through the person leaver page", async () => {
    const before = await get("/workforce/starters-and-leavers", hr);
    expect(turnover(before.body)).toBe("0.0");
    expect(rows(before.body, "months")[1]).toEqual(["Nov 26", "0", "0", "0", "0"]);
    const recorded = await formPost(t.app, `/people/${id.alice}/leaver`, hr, {
      "left_on-day": "20",
      "left_on-month": "11",
      "left_on-year": "2026",
      reason_code: "1",
      destination_code: "3",
      exit_themes: "workload",
    });
    expect(recorded.statusCode).toBe(303);
    const after = await get("/workforce/starters-and-leavers", hr);
    // 1.0 FTE left / 3.9 FTE in post today.
    expect(turnover(after.body)).toBe("25.6");
    expect(rows(after.body, "months")[1]).toEqual(["Nov 26", "0", "0", "1", "1"]);
    const chart = html(after.body).querySelector('[data-chart="leavers-by-month"]');
    expect(chart?.toString()).not.toBe(
      html(before.body).querySelector('[data-chart="leavers-by-month"]')?.toString(),
    );
  });
});
