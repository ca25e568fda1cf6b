import type { Scenario } from "../scenario.js";
import { PRACTICE_CONDITIONS_SCALE, practiceConditions } from "./practice-conditions.js";

/** Caseloads for the whole authority (averages against target over time, workers against their cap), as an HR analyst. */
export const caseloadsPage: Scenario = {
  name: "caseloads-page",
  description:
    "Caseloads for the whole authority (averages against target, workers against cap), as an HR analyst",
  scale: PRACTICE_CONDITIONS_SCALE,
  async setup(ctx) {
    const p = await practiceConditions(ctx);
    return {
      requests: [{ path: "/caseloads" }],
      headers: { cookie: p.analystCookie },
      // "children per FTE as at" shows only with a snapshot (not the empty state).
      expectBody: ["children per FTE as at", "DfE average caseload", "over their cap", 'action="/sign-out"'],
    };
  },
};
