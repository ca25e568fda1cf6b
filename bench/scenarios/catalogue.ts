import { demoCatalogue } from "../../src/features/learning/demo/catalogue.js";
import { seedDemoCatalogue } from "../../src/features/learning/demo/seed.js";
import type { Scenario } from "../scenario.js";
import { BENCH_SCALE, demoAuthority } from "./demo-authority.js";

/** The course finder with no filter chosen: North East Lincolnshire's 131 courses, first page of 50. */
export const catalogue: Scenario = {
  name: "catalogue",
  description: "The course finder (131 courses, first page), as an HR and workforce analyst",
  scale: `${BENCH_SCALE}; the demo catalogue`,
  async setup(ctx) {
    const demo = await demoAuthority(ctx);
    await seedDemoCatalogue({ platform: ctx.platform });
    const count = demoCatalogue.length;
    return {
      requests: [{ path: "/learning/courses" }],
      headers: { cookie: demo.cookie },
      expectBody: [`${count} courses`, 'action="/sign-out"'],
    };
  },
};
