import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/support/app.js";
import { formPost } from "../../../test/support/forms.js";
import { html, text } from "../../../test/support/html.js";
import type { TenantContext } from "../../platform/tenancy/data-access.js";

describe("audit views", () => {
  let t: TestApp;
  let ctx: TenantContext;
  let personId: string;
  let admin: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const system: TenantContext = { tenantId: t.tenantId, actor: { id: "system:test" } };
    const userId = await t.app.platform.data.run(system, (db) =>
      t.app.auth.createUser(db, {
        email: "hana.hr@example.org",
        displayName: "Hana Hussain",
        password: "a long enough passphrase for hana",
        roles: [{ role: "hr_workforce_analyst", unitId: null }],
      }),
    );
    ctx = { tenantId: t.tenantId, actor: { id: `user:${userId}` } };
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
    admin = await t.signIn({ roles: [{ role: "system_administrator", unitId: null }] });
  });
  afterAll(() => t.close());

  const get = (url: string, cookie = admin) => t.app.inject({ url, headers: { cookie } });

  it("shows a person's history, their equality row included, with values only for ordinary fields", async () => {
    const res = await get(`/audit/history/people/${personId}`);
    expect(res.statusCode).toBe(200);
    const cards = html(res.body).querySelectorAll(".govuk-summary-card");
    expect(cards.map((c) => text(c.querySelector("h2")).replace(/^.*: /, ""))).toEqual([
      "Equality information created by Hana Hussain (hana.hr@example.org)",
      "Person changed by Hana Hussain (hana.hr@example.org)",
      "Person created by Hana Hussain (hana.hr@example.org)",
    ]);
    expect(text(cards[1])).toContain("priya@example.org to priya.shah@example.org");
    expect(text(cards[0])).toContain("Ethnicity Changed (value not recorded)");
    expect(res.body).not.toContain("AIND");
  });

  it("searches the trail by the changer's name and shows equality fields only as changed", async () => {
    const res = await get("/audit?table=person_equality&actor=hussain");
    expect(res.statusCode).toBe(200);
    const body = text(html(res.body).querySelector("tbody"));
    expect(body).toContain("Hana Hussain (hana.hr@example.org)");
    expect(body).toContain("Ethnicity Changed (value not recorded)");
    expect(body).not.toContain("AIND");
    expect(body).not.toContain("1990");
    // The equality row's record link goes to the person's history
    expect(html(res.body).querySelector("tbody a")?.getAttribute("href")).toBe(
      `/audit/history/people/${personId}`,
    );
    expect(text(html((await get("/audit?actor=nobody-by-this-name")).body).querySelector("tbody"))).toBe("");
  });

  it("is for council-wide administrators only", async () => {
    const practitioner = await t.signIn({ roles: [{ role: "practitioner", unitId: null }] });
    expect((await get("/audit", practitioner)).statusCode).toBe(403);
    expect((await get("/audit/sign-ins", practitioner)).statusCode).toBe(403);
    const unitHr = await t.signIn({
      roles: [{ role: "hr_workforce_analyst", unitId: "00000000-0000-4000-8000-000000000123" }],
    });
    expect((await get("/audit/sign-ins", unitHr)).statusCode).toBe(403);
  });

  it("lists sign-ins and failed sign-ins, searchable, with a CSV", async () => {
    const anon = await t.app.inject({ url: "/sign-in" });
    const cookie = String(anon.headers["set-cookie"]).split(";")[0] ?? "";
    const tryPassword = (password: string) =>
      formPost(
        t.app,
        "/sign-in",
        cookie,
        { email: "hana.hr@example.org", password },
        { pageUrl: "/sign-in" },
      );
    expect((await tryPassword("not the right one at all")).statusCode).toBe(401);
    t.clock.advance(60_000);
    expect((await tryPassword("a long enough passphrase for hana")).statusCode).toBe(302);

    const page = html((await get("/audit/sign-ins?email=hana")).body);
    expect(page.querySelectorAll("tbody tr").map((r) => text(r.querySelectorAll("td")[3]))).toEqual([
      "Signed in",
      "Wrong password",
    ]);
    const failed = html((await get("/audit/sign-ins?outcome=wrong_password")).body);
    expect(failed.querySelectorAll("tbody tr")).toHaveLength(1);
    // An account without a password (single sign-on only) is not "disabled"
    await t.app.platform.data.run({ tenantId: t.tenantId, actor: { id: "system:test" } }, (db) =>
      t.app.auth.createUser(db, { email: "sso.only@example.org", displayName: "Sso Only", roles: [] }),
    );
    expect(
      (await t.app.auth.signInWithPassword(t.tenantId, "sso.only@example.org", "anything at all")).ok,
    ).toBe(false);
    const sso = html((await get("/audit/sign-ins?email=sso.only")).body);
    expect(text(sso.querySelector("tbody td:nth-child(4)"))).toBe(
      "Refused: account has no password (single sign-on, or link not used)",
    );
    const csv = await get("/audit/sign-ins?email=hana&format=csv");
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body).toContain("hana.hr@example.org,Password,Wrong password");
  });
});
