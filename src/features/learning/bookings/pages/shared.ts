import type { FastifyReply } from "fastify";
import type { BookingStatus } from "../../schema.js";

export { isUuid } from "../../../../platform/http/request-helpers.js";

export const statusNames: Record<BookingStatus, string> = {
  requested: "Awaiting approval",
  booked: "Booked",
  waiting: "On the waiting list",
  offered: "Place offered",
  cancelled: "Cancelled",
  declined: "Offer declined",
  rejected: "Not approved",
  lapsed: "Offer ended",
};

export const statusColours: Record<BookingStatus, string> = {
  requested: "govuk-tag--yellow",
  booked: "govuk-tag--green",
  waiting: "govuk-tag--blue",
  offered: "govuk-tag--purple",
  cancelled: "govuk-tag--grey",
  declined: "govuk-tag--grey",
  rejected: "govuk-tag--red",
  lapsed: "govuk-tag--grey",
};

export const outcomeNames: Record<string, string> = {
  completed: "Completed",
  partly_attended: "Partly attended",
  no_show: "Did not attend",
};

export const statusName = (s: string) => statusNames[s as BookingStatus] ?? s;
export const statusColour = (s: string) => statusColours[s as BookingStatus] ?? "govuk-tag--grey";

export function notFound(reply: FastifyReply) {
  return reply.code(404).render("errors/404.njk");
}

/** An action refused: the problem in the error summary and a way back. */
export function problem(
  reply: FastifyReply,
  errorSummary: Array<{ text: string; href: string }>,
  back: { href: string; text: string },
) {
  return reply.code(400).render("learning/bookings/pages/problem.njk", {
    pageTitle: "There is a problem",
    errorSummary: errorSummary.map((e) => ({ text: e.text, href: "#back" })),
    back,
  });
}
