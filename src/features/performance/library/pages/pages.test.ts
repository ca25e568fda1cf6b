import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../../test/support/app.js";
import { html, text } from "../../../../../test/support/html.js";
import { measureKeys } from "../definitions.js";

describe("the measure library page", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());
  const get = async (roles: string[]) => {
    const cookie = await t.signIn({ roles: roles.map((role) => ({ role, unitId: null })) });
    return t.app.inject({ url: "/performance/measures", headers: { cookie } });
  };

  it("shows a senior leader every measure's definition, source and direction, grouped, each linking to its page", async () => {
    const res = await get(["senior_leader"]);
    expect(res.statusCode).toBe(200);
    const page = html(res.body);
    expect(text(page.querySelector("h1"))).toBe("Measure library");
    expect(page.querySelectorAll("h2.govuk-heading-m").map(text)).toEqual([
      "Who the workforce is",
      "The conditions for practice",
      "Learning and development",
      "Practice and its quality (entered)",
    ]);
    const rows = page.querySelectorAll("[data-measure]");
    expect(rows.map((r) => r.getAttribute("data-measure"))).toEqual([...measureKeys]);
    const supervision = page.querySelector('[data-measure="supervision_in_date"]');
    expect(supervision?.querySelector("a")?.getAttribute("href")).toBe(
      "/performance/measures/supervision_in_date",
    );
    expect(text(supervision)).toContain("Supervision in date");
    expect(text(supervision)).toContain("Computed from the platform");
    expect(text(supervision)).toContain("Higher is better");
    const audits = page.querySelector('[data-measure="audits_inadequate"]');
    expect(text(audits)).toContain("Entered or imported each month");
    expect(text(audits)).toContain("Lower is better");
  });

  it("is there for every role with performance.view and refused to a practitioner", async () => {
    for (const role of [
      "service_manager",
      "learning_and_development_officer",
      "hr_workforce_analyst",
      "quality_assurance_lead",
    ]) {
      expect((await get([role])).statusCode, role).toBe(200);
    }
    expect((await get(["practitioner"])).statusCode).toBe(403);
  });

  it("asks a signed-out visitor to sign in", async () => {
    const res = await t.app.inject({ url: "/performance/measures" });
    expect(res.statusCode).toBe(302);
    expect(String(res.headers.location).startsWith("/sign-in")).toBe(true);
  });
});
