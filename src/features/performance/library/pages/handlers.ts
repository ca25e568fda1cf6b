import type { FastifyInstance } from "fastify";
import { performancePermissions } from "../../permissions.js";
import {
  groupTitles,
  inSentence,
  type MeasureGroup,
  measureDefinitions,
  measureKeys,
} from "../definitions.js";

const sourceText = {
  computed: "Computed from the platform",
  entered: "Entered or imported each month",
} as const;
const directionText = { higher: "Higher is better", lower: "Lower is better" } as const;
const formatText = { percent: "Percentage", number: "Number", count: "Count" } as const;

/** The measure library as the page shows it: every measure, grouped, in library order. */
export function libraryGroups() {
  return (Object.keys(groupTitles) as MeasureGroup[]).map((group) => ({
    group,
    title: groupTitles[group],
    measures: measureKeys
      .map((key) => measureDefinitions[key])
      .filter((m) => m.group === group)
      .map((m) => ({
        key: m.key,
        title: m.title,
        href: `/performance/measures/${m.key}`,
        definition: m.definition,
        source: m.source,
        sourceText: sourceText[m.source],
        directionText: directionText[m.direction],
        formatText: formatText[m.format],
        counted: m.denominator ? `${m.numerator} out of ${inSentence(m.denominator)}` : m.numerator,
      })),
  }));
}

/** `GET /performance/measures`: the measure library, each measure defined once, with its source and which way is better. */
export async function libraryRoutes(app: FastifyInstance) {
  app.get(
    "/performance/measures",
    { config: { permission: performancePermissions.view } },
    async (_request, reply) =>
      reply.render("performance/library/pages/view.njk", {
        pageTitle: "Measure library",
        groups: libraryGroups(),
      }),
  );
}
