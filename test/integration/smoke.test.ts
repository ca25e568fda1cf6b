import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../support/app.js";
import { html, text } from "../support/html.js";

describe("app", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it("serves the home page in the layout", async () => {
    const res = await t.app.inject({ url: "/" });
    expect(res.statusCode).toBe(200);
    const page = html(res.body);
    expect(text(page.querySelector("h1"))).toBe("Workforce Academy");
    expect(text(page.querySelector("title"))).toBe("Home - Workforce Academy - Test Borough Council");
  });
});
