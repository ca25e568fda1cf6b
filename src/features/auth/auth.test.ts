import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/support/app.js";
import { html, text } from "../../../test/support/html.js";
import { MAX_FAILED_ATTEMPTS } from "./auth.service.js";
import { passwordProblem } from "./password-policy.js";

const PASSWORD = "correct horse battery";

/** A browser-like client: keeps the session cookie and posts forms with the page's CSRF token. */
function client(t: TestApp) {
  let cookie = "";
  const keep = (setCookie: string | string[] | undefined) => {
    const value = Array.isArray(setCookie) ? setCookie[0] : setCookie;
    if (value) cookie = value.split(";")[0] ?? "";
  };
  return {
    get cookie() {
      return cookie;
    },
    async get(url: string) {
      const res = await t.app.inject({ url, headers: cookie ? { cookie } : {} });
      keep(res.headers["set-cookie"]);
      return res;
    },
    async post(url: string, fields: Record<string, string>, pageUrl = url) {
      const page = await this.get(pageUrl);
      const token = html(page.body).querySelector('input[name="_csrf"]')?.getAttribute("value") ?? "";
      const res = await t.app.inject({
        method: "POST",
        url,
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ ...fields, _csrf: token }).toString(),
      });
      keep(res.headers["set-cookie"]);
      return res;
    },
  };
}

describe("sign-in with a local account", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.app.platform.data.run({ tenantId: t.tenantId, actor: { id: "system:test" } }, (db) =>
      t.app.auth.createUser(db, {
        email: "Sam.Admin@Example.org",
        displayName: "Sam Admin",
        password: PASSWORD,
        roles: [{ role: "system_administrator", unitId: null }],
      }),
    );
  });
  afterAll(() => t.close());

  it("signs in, goes back where the user was going, and signs out", async () => {
    const browser = client(t);
    const denied = await browser.get("/system/jobs");
    expect(denied.headers.location).toBe("/sign-in?returnTo=%2Fsystem%2Fjobs");
    const signedIn = await browser.post(
      "/sign-in",
      { email: "sam.admin@example.org", password: PASSWORD, returnTo: "/system/jobs" },
      "/sign-in?returnTo=%2Fsystem%2Fjobs",
    );
    expect(signedIn.statusCode).toBe(302);
    expect(signedIn.headers.location).toBe("/system/jobs");
    const jobs = await browser.get("/system/jobs");
    expect(jobs.statusCode).toBe(200);
    expect(text(html(jobs.body).querySelector(".app-user__name"))).toContain("Sam Admin");

    const out = await browser.post("/sign-out", {}, "/system/jobs");
    expect(text(html(out.body).querySelector("h1"))).toBe("You have signed out");
    expect((await browser.get("/system/jobs")).statusCode).toBe(302);

    const events = await t.database.db.selectFrom("sign_in_events").select(["outcome", "method"]).execute();
    expect(events).toEqual([{ outcome: "signed_in", method: "password" }]);
  });

  it("never redirects to another site after sign-in", async () => {
    const res = await client(t).post("/sign-in", {
      email: "sam.admin@example.org",
      password: PASSWORD,
      returnTo: "//evil.example/x",
    });
    expect(res.headers.location).toBe("/");
  });

  it("gives one message for a wrong password or an unknown address, and records both", async () => {
    for (const email of ["sam.admin@example.org", "nobody@example.org"]) {
      const res = await client(t).post("/sign-in", { email, password: "not the password" });
      expect(res.statusCode).toBe(401);
      const page = html(res.body);
      expect(text(page.querySelector(".govuk-error-summary__list"))).toBe(
        "Enter a correct email address and password",
      );
      expect(text(page.querySelector("title"))).toMatch(/^Error: Sign in/);
    }
    const outcomes = await t.database.db.selectFrom("sign_in_events").select("outcome").execute();
    expect(outcomes.map((o) => o.outcome)).toEqual(
      expect.arrayContaining(["wrong_password", "unknown_user"]),
    );
  });

  it("refuses the eleventh attempt after ten wrong passwords in a row, even with the right one", async () => {
    await t.app.platform.data.run({ tenantId: t.tenantId, actor: { id: "system:test" } }, (db) =>
      t.app.auth.createUser(db, {
        email: "locked@example.org",
        displayName: "Lee Locked",
        password: PASSWORD,
        roles: [],
      }),
    );
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i += 1) {
      expect((await t.app.auth.signInWithPassword(t.tenantId, "locked@example.org", `wrong ${i}`)).ok).toBe(
        false,
      );
    }
    const eleventh = await client(t).post("/sign-in", { email: "locked@example.org", password: PASSWORD });
    expect(eleventh.statusCode).toBe(423);
    expect(eleventh.body).toContain("Your account is locked");
    t.clock.advance(31 * 60_000);
    expect((await t.app.auth.signInWithPassword(t.tenantId, "locked@example.org", PASSWORD)).ok).toBe(true);
  });

  it("resets a password through an emailed link that works once", async () => {
    const browser = client(t);
    const sent = await browser.post("/password/reset", { email: "sam.admin@example.org" });
    expect(text(html(sent.body).querySelector("h1"))).toBe("Check your email");
    const message = await t.database.db
      .selectFrom("outbox_messages")
      .select(["to_address", "body"])
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    expect(message.to_address).toBe("sam.admin@example.org");
    const link = /http:\/\/[^/]+(\/password\/set\/[A-Za-z0-9_-]+)/.exec(message.body)?.[1] ?? "";
    expect(link).not.toBe("");

    const common = await browser.post(link, { password: "password123", confirmPassword: "password123" });
    expect(text(html(common.body).querySelector("#password-error"))).toContain("too easy to guess");
    const done = await browser.post(link, {
      password: "orange kettle lighthouse",
      confirmPassword: "orange kettle lighthouse",
    });
    expect(text(html(done.body).querySelector("h1"))).toBe("Your password has been changed");
    expect(
      (await t.app.auth.signInWithPassword(t.tenantId, "sam.admin@example.org", "orange kettle lighthouse"))
        .ok,
    ).toBe(true);
    expect((await browser.get(link)).statusCode).toBe(410);
  });

  it("sends nothing, and says the same, for an address with no account", async () => {
    const before = await t.database.db.selectFrom("outbox_messages").select("id").execute();
    const res = await client(t).post("/password/reset", { email: "stranger@example.org" });
    expect(text(html(res.body).querySelector("h1"))).toBe("Check your email");
    expect(await t.database.db.selectFrom("outbox_messages").select("id").execute()).toHaveLength(
      before.length,
    );
  });

  it("refuses a sign-in form posted without its CSRF token", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/sign-in",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: `email=sam.admin%40example.org&password=${encodeURIComponent(PASSWORD)}`,
    });
    expect(res.statusCode).toBe(403);
  });
});

describe("password policy", () => {
  it("asks for length and blocks common passwords, with no composition rules", () => {
    expect(passwordProblem("short")).toBe("Password must be 10 characters or more");
    expect(passwordProblem("qwertyuiop")).toMatch(/too easy to guess/);
    expect(passwordProblem("Password1234")).toMatch(/too easy to guess/);
    expect(passwordProblem("jo@example.org", "jo@example.org")).toBe(
      "Password must not be your email address",
    );
    expect(passwordProblem("three random words")).toBeNull();
  });
});
