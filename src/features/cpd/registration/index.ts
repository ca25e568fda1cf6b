import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { dateInLondon } from "../../../platform/dates.js";
import { checkRoutes } from "./pages/check/handlers.js";
import { downloadRoutes } from "./pages/download/handlers.js";
import { myRoutes } from "./pages/my/handlers.js";
import { peopleRoutes } from "./pages/people/handlers.js";
import { registerCheckRoutes } from "./pages/register-check/handlers.js";
import { uploadRoutes } from "./pages/upload/handlers.js";
import { anonymiseChecks } from "./registration.repository.js";
import { RegistrationService } from "./registration.service.js";
import { REMINDERS_JOB, sendAllRegistrationReminders } from "./reminders.js";

/**
 * Social Work England readiness, the year's download, reminders and the register check. Not
 * encapsulated, so `app.cpdRegistration` is there for every area (the CPD log shows readiness).
 */
export const registrationArea = fp(
  async (app: FastifyInstance) => {
    const { platform } = app;
    const registration = new RegistrationService(platform.data, platform.clock, app.people);
    app.decorate("cpdRegistration", registration);
    app.people.addAnonymiser(anonymiseChecks);

    platform.jobs.define({
      name: REMINDERS_JOB,
      maxAttempts: 3,
      run: async (ctx) => {
        const sent = await sendAllRegistrationReminders(
          platform.data,
          platform.outbox,
          dateInLondon(platform.clock.now()),
        );
        if (sent > 0) ctx.log.info({ sent }, "CPD registration reminders sent");
      },
    });
    platform.jobs.schedule(REMINDERS_JOB, "40 6 * * *");

    const opts = { registration };
    await app.register(myRoutes, opts);
    await app.register(downloadRoutes, opts);
    await app.register(peopleRoutes, opts);
    await app.register(checkRoutes, opts);
    await app.register(uploadRoutes, opts);
    await app.register(registerCheckRoutes, opts);
  },
  { name: "wa-cpd-registration" },
);

declare module "fastify" {
  interface FastifyInstance {
    cpdRegistration: RegistrationService;
  }
}
