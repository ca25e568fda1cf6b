import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { buildTestApp, type TestApp } from "../../../test/support/app.js";
import { formPost } from "../../../test/support/forms.js";
import { html, text } from "../../../test/support/html.js";
import { createNotesTable, notesRoutes } from "../../../test/support/notes-fixture.js";
import { RouteDeclarationError } from "./access.js";

describe("route declarations", () => {
  const refused: Record<string, unknown> = {};
  let t: TestApp;
  beforeAll(async () => {
    const attempt = (name: string, register: () => void) => {
      try {
        register();
        refused[name] = null;
      } catch (err) {
        refused[name] = err;
      }
    };
    t = await buildTestApp({
      beforeReady: (app) => {
        attempt("no permission", () => app.get("/undeclared", async () => "open"));
        attempt("no schema", () =>
          app.post("/no-schema", { config: { permission: "signed-in" } }, async () => "ok"),
        );
        attempt("declared", () =>
          app.post(
            "/declared",
            { config: { permission: "signed-in", form: z.object({}) } },
            async () => "ok",
          ),
        );
      },
    });
  });
  afterAll(() => t.close());

  it("refuses to register a route that declares no permission", () => {
    expect(refused["no permission"]).toBeInstanceOf(RouteDeclarationError);
    expect(String(refused["no permission"])).toContain("GET /undeclared declares no permission");
  });

  it("refuses to register a POST route without a form schema", () => {
    expect(String(refused["no schema"])).toContain("POST /no-schema declares no form schema");
  });

  it("accepts a declared route", () => {
    expect(refused.declared).toBeNull();
  });
});

describe("pages, forms and protection", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({
      beforeReady: async (app) => {
        await createNotesTable(app.platform.database.db);
        await app.register(notesRoutes);
        app.get("/boom", { config: { permission: "public" } }, async () => {
          throw new Error("database password is hunter2");
        });
      },
    });
  });
  afterAll(() => t.close());

  it("reports every field error at once, keeps the values and says Error: in the title", async () => {
    const cookie = await t.signIn();
    const res = await formPost(t.app, "/test-notes/new", cookie, { title: "  ", note: "x".repeat(2001) });
    expect(res.statusCode).toBe(400);
    const page = html(res.body);
    expect(text(page.querySelector("title"))).toMatch(/^Error: Add a note - /);
    const summary = page.querySelectorAll(".govuk-error-summary__list a");
    expect(summary.map((a) => [text(a), a.getAttribute("href")])).toEqual([
      ["Enter a title", "#title"],
      ["Note must be 2000 characters or fewer", "#note"],
    ]);
    expect(text(page.querySelector("#title-error"))).toBe("Error: Enter a title");
    expect(page.querySelector("#note")?.textContent).toBe("x".repeat(2001));
    expect(page.querySelector("#title")?.getAttribute("name")).toBe("title");
  });

  it("refuses a form submitted without its CSRF token", async () => {
    const cookie = await t.signIn();
    const res = await t.app.inject({
      method: "POST",
      url: "/test-notes/new",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: "title=Hello&note=",
    });
    expect(res.statusCode).toBe(403);
    const count = await t.database.db
      .selectFrom("test_notes" as never)
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst();
    expect(Number((count as { n: number }).n)).toBe(0);
  });

  it("sends anonymous users to sign in, keeping where they were going", async () => {
    const res = await t.app.inject({ url: "/test-notes/new?x=1" });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe("/sign-in?returnTo=%2Ftest-notes%2Fnew%3Fx%3D1");
  });

  it("shows the GOV.UK page not found page", async () => {
    const res = await t.app.inject({ url: "/no-such-page" });
    expect(res.statusCode).toBe(404);
    expect(text(html(res.body).querySelector("h1"))).toBe("Page not found");
  });

  it("shows a plain error page and never the error itself", async () => {
    const res = await t.app.inject({ url: "/boom" });
    expect(res.statusCode).toBe(500);
    expect(text(html(res.body).querySelector("h1"))).toBe("Sorry, there is a problem with the service");
    expect(res.body).not.toContain("hunter2");
  });

  it("sets security headers, a request id, and no cookie for an anonymous visitor", async () => {
    const res = await t.app.inject({ url: "/" });
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[0-9a-f]+'/);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers["set-cookie"]).toBeUndefined();
    const nonce = /'nonce-([0-9a-f]+)'/.exec(String(res.headers["content-security-policy"]))?.[1];
    expect(html(res.body).querySelector("script[nonce]")?.getAttribute("nonce")).toBe(nonce);
  });

  it("answers /health with the database kind", async () => {
    const res = await t.app.inject({ url: "/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok", database: t.database.kind });
  });

  it("serves the stylesheet locally", async () => {
    const res = await t.app.inject({ url: "/assets/stylesheets/application.css" });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain("GDS Transport");
  });

  it("ends the session after the idle timeout", async () => {
    const cookie = await t.signIn({ roles: [{ role: "system_administrator", unitId: null }] });
    expect((await t.app.inject({ url: "/system/jobs", headers: { cookie } })).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    expect((await t.app.inject({ url: "/system/jobs", headers: { cookie } })).statusCode).toBe(302);
  });
});
