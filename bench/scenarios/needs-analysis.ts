import type { Scenario } from "../scenario.js";
import { DEVELOPMENT_SCALE, development } from "./development.js";

/** The learning needs analysis for the coming plan year, the whole council, as L&D. */
export const needsAnalysis: Scenario = {
  name: "needs-analysis",
  description: "Learning needs analysis (demand against places by course, theme, team, service), as L&D",
  scale: DEVELOPMENT_SCALE,
  async setup(ctx) {
    const d = await development(ctx);
    return {
      requests: [{ path: "/learning/needs/analysis" }],
      headers: { cookie: d.learningCookie },
      expectBody: ["Learning needs analysis", 'action="/sign-out"'],
    };
  },
};
