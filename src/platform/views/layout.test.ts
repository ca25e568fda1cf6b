import path from "node:path";
import { fileURLToPath } from "node:url";
import { type HTMLElement, parse } from "node-html-parser";
import nunjucks from "nunjucks";
import { describe, expect, it } from "vitest";

const viewsDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(viewsDir, "../../..");
const env = new nunjucks.Environment(
  new nunjucks.FileSystemLoader([
    viewsDir,
    path.join(root, "src/features"),
    path.join(root, "node_modules/govuk-frontend/dist"),
  ]),
  { autoescape: true, throwOnUndefined: false },
);

const page = `{% extends "layout.njk" %}{% block content %}<h1 class="govuk-heading-l">Hello</h1>{% endblock %}`;

const baseContext = {
  serviceName: "Workforce Academy",
  authorityName: "North East Lincolnshire Council",
  phase: "beta",
  feedbackHref: "/feedback",
  cspNonce: "n0nce",
  navigation: [
    { href: "/", text: "Home", active: true },
    { href: "/courses", text: "Courses", active: false },
  ],
  currentUser: null,
  csrfToken: undefined,
  pageTitle: "Home",
  errorSummary: [],
};

function render(context: Record<string, unknown>, template = page): HTMLElement {
  return parse(env.renderString(template, { ...baseContext, ...context }));
}

function renderFile(name: string, context: Record<string, unknown> = {}): HTMLElement {
  return parse(env.render(name, { ...baseContext, ...context }));
}

describe("layout.njk", () => {
  it("uses the council's identity, not GOV.UK's", () => {
    const doc = render({});
    const html = doc.toString();
    expect(doc.querySelector(".govuk-logo, .govuk-header__logotype, .govuk-footer__crown")).toBeNull();
    expect(html).not.toContain("GOV.UK");
    expect(html).not.toMatch(/crown copyright/i);
    expect(html).not.toContain("favicon.svg");
    expect(doc.querySelector(".govuk-generic-header__homepage-link")?.text.trim()).toBe(
      "North East Lincolnshire Council",
    );
    expect(doc.querySelector(".govuk-service-navigation__service-name")?.text.trim()).toBe(
      "Workforce Academy",
    );
    expect(doc.querySelector(".govuk-footer")?.text).toContain("© North East Lincolnshire Council");
  });

  it("sets the title and adds assets, skip link, nonce and navigation", () => {
    const doc = render({});
    expect(doc.querySelector("title")?.text.trim()).toBe(
      "Home - Workforce Academy - North East Lincolnshire Council",
    );
    expect(doc.querySelector('link[rel="stylesheet"]')?.getAttribute("href")).toBe(
      "/assets/stylesheets/application.css",
    );
    expect(doc.querySelector('script[type="module"]')?.getAttribute("src")).toBe(
      "/assets/javascripts/application.js",
    );
    expect(doc.querySelector("script:not([src])")?.getAttribute("nonce")).toBe("n0nce");
    expect(doc.querySelector(".govuk-skip-link")?.getAttribute("href")).toBe("#main-content");
    expect(doc.querySelector("main#main-content h1")?.text).toBe("Hello");
    const current = doc.querySelector('.govuk-service-navigation__link[aria-current="true"]');
    expect(current?.getAttribute("href")).toBe("/");
    expect(doc.querySelector(".govuk-phase-banner")?.text).toContain("Beta");
    expect(doc.querySelector('.govuk-phase-banner a[href="/feedback"]')).not.toBeNull();
    const footerHrefs = doc.querySelectorAll(".govuk-footer a").map((a) => a.getAttribute("href"));
    expect(footerHrefs).toEqual(["/accessibility", "/cookies", "/privacy"]);
  });

  it("prefixes the title with Error: and shows the error summary", () => {
    const doc = render({ errorSummary: [{ text: "Enter your name", href: "#field" }] });
    expect(doc.querySelector("title")?.text.trim()).toBe(
      "Error: Home - Workforce Academy - North East Lincolnshire Council",
    );
    const summary = doc.querySelector("main .govuk-error-summary");
    expect(summary?.querySelector(".govuk-error-summary__title")?.text.trim()).toBe("There is a problem");
    const link = summary?.querySelector('a[href="#field"]');
    expect(link?.text.trim()).toBe("Enter your name");
  });

  it("shows a sign-in link when signed out", () => {
    const doc = render({});
    expect(doc.querySelector('a[href="/sign-in"]')?.text.trim()).toBe("Sign in");
    expect(doc.querySelector('form[action="/sign-out"]')).toBeNull();
  });

  it("shows the user and a sign-out form with a CSRF token when signed in", () => {
    const doc = render({ currentUser: { displayName: "Sam <Smith>" }, csrfToken: "tok123" });
    expect(doc.querySelector(".app-user__name")?.text).toContain("Sam <Smith>");
    expect(doc.toString()).not.toContain("<Smith>");
    const form = doc.querySelector('form[action="/sign-out"]');
    expect(form?.getAttribute("method")).toBe("post");
    expect(form?.querySelector('input[name="_csrf"]')?.getAttribute("value")).toBe("tok123");
    expect(form?.querySelector("button")?.text.trim()).toBe("Sign out");
    expect(doc.querySelector('a[href="/sign-in"]')).toBeNull();
  });

  it("renders notification banners", () => {
    const doc = render({ notification: { type: "success", text: "Course booked" } });
    const banner = doc.querySelector(".govuk-notification-banner--success");
    expect(banner?.getAttribute("role")).toBe("alert");
    expect(banner?.text).toContain("Course booked");
  });

  it("degrades gracefully when optional variables are missing", () => {
    const doc = parse(env.renderString(page, {}));
    expect(doc.querySelector("title")?.text.trim()).toBe("Workforce Academy");
    expect(doc.querySelector(".govuk-phase-banner")).toBeNull();
    expect(doc.querySelector(".govuk-error-summary")).toBeNull();
    expect(doc.querySelector(".govuk-generic-header")).toBeNull();
    expect(doc.toString()).not.toContain("GOV.UK");
  });

  it("lets pages override beforeContent", () => {
    const doc = render(
      {},
      `{% extends "layout.njk" %}{% block beforeContent %}<a class="govuk-back-link" href="/back">Back</a>{% endblock %}`,
    );
    expect(doc.querySelector(".govuk-width-container > .govuk-back-link")).not.toBeNull();
    expect(doc.querySelector("header .govuk-phase-banner")).not.toBeNull();
  });
});

describe("error pages", () => {
  it.each([
    ["errors/404.njk", "Page not found", "If you typed the web address, check it is correct."],
    ["errors/403.njk", "You do not have permission to view this page", "contact your manager"],
    ["errors/500.njk", "Sorry, there is a problem with the service", "Try again later."],
  ])("%s renders its heading and title", (name, heading, body) => {
    const doc = renderFile(name, { pageTitle: undefined });
    expect(doc.querySelector("h1")?.text.trim()).toBe(heading);
    expect(doc.querySelector("main")?.text).toContain(body);
    expect(doc.querySelector("title")?.text.trim()).toBe(
      `${heading} - Workforce Academy - North East Lincolnshire Council`,
    );
  });
});
