import type { Scenario } from "../scenario.js";
import { PRACTICE_CONDITIONS_SCALE, practiceConditions } from "./practice-conditions.js";

/** The authority's supervision dashboard (percentage in date over time), as an HR analyst for the whole council. */
export const supervisionDashboard: Scenario = {
  name: "supervision-dashboard",
  description: "Supervision dashboard for the whole authority (in date over time), as an HR analyst",
  scale: PRACTICE_CONDITIONS_SCALE,
  async setup(ctx) {
    const p = await practiceConditions(ctx);
    return {
      requests: [{ path: "/supervision/dashboard" }],
      headers: { cookie: p.analystCookie },
      // "overdue, of" shows only with people counted (not the empty or suppressed state).
      expectBody: [
        "Supervision in date as at",
        "overdue, of ",
        "By service and team as at",
        'action="/sign-out"',
      ],
    };
  },
};
