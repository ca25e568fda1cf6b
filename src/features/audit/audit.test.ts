import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/support/app.js";
import { html, text } from "../../../test/support/html.js";
import type { TenantContext } from "../../platform/tenancy/data-access.js";

describe("audit views", () => {
  let t: TestApp;
  let ctx: TenantContext;
  let personId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    ctx = { tenantId: t.tenantId, actor: { id: "user:hr-officer" } };
    personId = await t.app.people.createPerson(ctx, {
      given_name: "Priya",
      family_name: "Shah",
      email: "priya@example.org",
    });
    await t.app.people.updatePerson(ctx, personId, { email: "priya.shah@example.org" });
    await t.app.platform.data.run(ctx, (db) =>
      db
        .insertInto("person_equality")
        .values({ person_id: personId, ethnicity: "AIND", date_of_birth: "1990-05-01" })
        .execute(),
    );
  });
  afterAll(() => t.close());

  it("shows a record's history with values for ordinary fields", async () => {
    const cookie = await t.signIn({ roles: [{ role: "system_administrator", unitId: null }] });
    const res = await t.app.inject({ url: `/audit/history/people/${personId}`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const cards = html(res.body).querySelectorAll(".govuk-summary-card");
    expect(cards).toHaveLength(2);
    expect(text(cards[0]?.querySelector("h2"))).toContain("Changed by user:hr-officer");
    expect(text(cards[0])).toContain("priya@example.org to priya.shah@example.org");
    expect(text(cards[1]?.querySelector("h2"))).toContain("Created");
  });

  it("searches the trail and shows equality fields only as changed", async () => {
    const cookie = await t.signIn({ roles: [{ role: "system_administrator", unitId: null }] });
    const res = await t.app.inject({ url: "/audit?table=person_equality", headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const body = text(html(res.body).querySelector("tbody"));
    expect(body).toContain("Ethnicity Changed (value not recorded)");
    expect(body).not.toContain("AIND");
    expect(body).not.toContain("1990");
  });

  it("is for administrators only", async () => {
    const cookie = await t.signIn({ roles: [{ role: "practitioner", unitId: null }] });
    expect((await t.app.inject({ url: "/audit", headers: { cookie } })).statusCode).toBe(403);
  });
});
