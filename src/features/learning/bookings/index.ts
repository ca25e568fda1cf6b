import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { BookingsService } from "./bookings.service.js";
import { bookingPages } from "./pages/index.js";
import { BookingQueries } from "./queries.js";

export const EXPIRE_OFFERS_JOB = "learning.bookings.expire-offers";

/**
 * Bookings, approvals, waiting lists with offers, registered interest, cohort booking, registers
 * and the no-show report. Decorates `app.bookings` for other areas (sessions offer places when
 * capacity is raised through `offerFreedPlaces`).
 */
export const bookingsArea = fp(
  async (app: FastifyInstance) => {
    const { platform } = app;
    const service = new BookingsService(platform.data, platform.clock, platform.outbox);
    app.decorate("bookings", service);

    platform.jobs.define({
      name: EXPIRE_OFFERS_JOB,
      maxAttempts: 1,
      run: async (ctx) => {
        const tenants = await platform.data.system.selectFrom("tenants").select("id").execute();
        let lapsed = 0;
        for (const t of tenants) {
          lapsed += await service.expireOffers({ tenantId: t.id, actor: { id: `job:${EXPIRE_OFFERS_JOB}` } });
        }
        if (lapsed > 0) ctx.log.info({ lapsed }, "expired offers of places passed on");
      },
    });
    platform.jobs.schedule(EXPIRE_OFFERS_JOB, "*/15 * * * *");

    await app.register(bookingPages, { service, queries: new BookingQueries(platform.data) });
  },
  { name: "wa-learning-bookings" },
);

declare module "fastify" {
  interface FastifyInstance {
    bookings: BookingsService;
  }
}
