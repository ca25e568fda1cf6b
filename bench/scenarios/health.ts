import type { Scenario } from "../scenario.js";

/** The health check: anonymous, one `select 1`, a small JSON body, no layout. Cheaper than the reference. */
export const health: Scenario = {
  name: "health",
  description: "Health check, anonymous: one trivial query, JSON, no layout",
  async setup() {
    return { requests: [{ path: "/health" }], expectBody: ['"status":"ok"'] };
  },
};
