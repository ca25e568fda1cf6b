import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createViewEnvironment } from "./render.js";

describe("macro imports", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "wa-views-"));
  writeFileSync(
    path.join(dir, "lib.njk"),
    `{% set prefix = "Tag" %}{% macro tag(text) %}<b>{{ prefix }}: {{ text }}</b>{% endmacro %}
{% macro greet() %}Hello {{ who }}{% endmacro %}`,
  );
  writeFileSync(
    path.join(dir, "page.njk"),
    `{% from "lib.njk" import tag %}{% for t in items %}{{ tag(t) }}{% endfor %}`,
  );
  writeFileSync(path.join(dir, "context.njk"), `{% from "lib.njk" import greet with context %}{{ greet() }}`);

  it("gives the same page on every render while an import's exports are reused", () => {
    const env = createViewEnvironment({ cache: true, extraPaths: [dir] });
    const first = env.render("page.njk", { items: ["a", "b"] });
    expect(first).toBe("<b>Tag: a</b><b>Tag: b</b>");
    expect(env.render("page.njk", { items: ["c"] })).toBe("<b>Tag: c</b>");
  });

  it("still lets an import with context see the page's variables, render by render", () => {
    const env = createViewEnvironment({ cache: true, extraPaths: [dir] });
    expect(env.render("context.njk", { who: "Alice" }).trim()).toBe("Hello Alice");
    expect(env.render("context.njk", { who: "Bob" }).trim()).toBe("Hello Bob");
  });

  it("renders govuk-frontend's components the same on a page calling them hundreds of times", () => {
    const env = createViewEnvironment({ cache: true, extraPaths: [dir] });
    writeFileSync(
      path.join(dir, "tags.njk"),
      `{% from "govuk/components/tag/macro.njk" import govukTag %}{% for i in range(300) %}{{ govukTag({ text: "Tag " + i, classes: "govuk-tag--red" }) }}{% endfor %}`,
    );
    const html = env.render("tags.njk", {});
    expect(html.match(/<strong class="govuk-tag govuk-tag--red">/g)).toHaveLength(300);
    expect(html).toContain("Tag 299");
    expect(env.render("tags.njk", {})).toBe(html);
  });
});
