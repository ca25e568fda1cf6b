import type { Scenario } from "../scenario.js";
import { DEVELOPMENT_SCALE, development } from "./development.js";

/** Social Work England readiness for everyone registered in the biggest service, as its manager. */
export const cpdReadiness: Scenario = {
  name: "cpd-readiness",
  description:
    "Team readiness for Social Work England renewal: the biggest service, first 50, as its manager",
  scale: DEVELOPMENT_SCALE,
  async setup(ctx) {
    const d = await development(ctx);
    return {
      requests: [{ path: "/cpd/registration/people" }],
      headers: { cookie: d.managerCookie },
      expectBody: ["Not met yet", 'action="/sign-out"'],
    };
  },
};
