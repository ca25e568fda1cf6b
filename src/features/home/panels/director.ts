import { measureDefinitions } from "../../performance/library/definitions.js";
import { ragNames, ragTagClass } from "../../performance/library/rag.js";
import type { Rag } from "../../performance/schema.js";
import { viewerUnit } from "../../performance/scorecard/pages/shared.js";
import { type HomeContext, type Panel, plural, section } from "./shared.js";

/**
 * Whether the director's panel applies: senior leaders read the scorecard first. Others who may
 * open it (HR, L&D, quality assurance, service managers) have their own panels and the link in
 * the navigation.
 */
export function directorApplies(h: HomeContext): boolean {
  return h.holds("senior_leader") && h.can("performance.view");
}

/**
 * The scorecard at a glance: how many measures are green, amber and red against their targets
 * and the red ones by name, for the whole council when the viewer reaches it, else for the top
 * unit they reach (the scorecard's own default). From `app.performance.scorecard`.
 */
export async function directorPanel(h: HomeContext): Promise<Panel> {
  const { app, ctx, today } = h;
  const unit = await viewerUnit(app, ctx, h.scope("performance.view"), undefined);
  if (!unit) return unavailable("You do not reach a unit with a scorecard.");
  const { unitId } = unit;
  const href = unitId ? `/performance?unit=${unitId}` : "/performance";
  if (!app.hasDecorator("performance")) return unavailable("The scorecard is not available yet.", href);

  const measures = await app.performance.scorecard(ctx, { unitId, asAt: today });
  const count = (rag: Rag) => measures.filter((m) => m.rag === rag).length;
  const noTarget = measures.filter((m) => m.rag === null).length;
  const red = measures.filter((m) => m.rag === "red");
  const amber = measures.filter((m) => m.rag === "amber");
  const line = (rag: Rag) => (m: (typeof measures)[number]) => ({
    text: measureDefinitions[m.key].title,
    href: `/performance/measures/${m.key}${unitId ? `?unit=${unitId}` : ""}`,
    tag: { text: ragNames[rag], classes: ragTagClass[rag] },
  });
  return {
    key: "director",
    title: "The scorecard",
    lead: unit.name,
    sections: [
      section(
        "Against target",
        `${count("green")} green (on target), ${count("amber")} amber (near target), ${count("red")} red (off target), ${noTarget} with no target or value`,
        [],
        { href, text: "The scorecard" },
      ),
      section(
        "Off target",
        red.length === 0 ? "No measure is off target" : plural(red.length, "measure", "measures"),
        red.map(line("red")),
        { href, text: "The scorecard" },
      ),
      ...(amber.length > 0
        ? [
            section("Near target", plural(amber.length, "measure", "measures"), amber.map(line("amber")), {
              href,
              text: "The scorecard",
            }),
          ]
        : []),
    ],
  };
}

function unavailable(note: string, href = "/performance"): Panel {
  return {
    key: "director",
    title: "The scorecard",
    lead: note,
    sections: [],
    link: { href, text: "Open the scorecard" },
  };
}
