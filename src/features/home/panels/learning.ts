import { addDays, type IsoDate } from "../../../platform/dates.js";
import { formatDate } from "../../../platform/views/render.js";
import { londonWallClock } from "../../learning/sessions/times.js";
import { type HomeContext, type Panel, plural, section } from "./shared.js";

/** How far ahead a session with few bookings is worth acting on. */
export const LOW_BOOKINGS_DAYS = 28;

/** Whether the learning and development panel applies: they run the sessions. */
export function learningApplies(h: HomeContext): boolean {
  return h.can("learning.sessions.manage");
}

/** Monday of the week a date falls in (London dates). */
export function weekStart(date: IsoDate): IsoDate {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

/**
 * The learning team's week: sessions with a part this week (Monday to Sunday), sessions with a
 * waiting list, and sessions starting in the next four weeks less than half booked. One read of
 * the sessions still to come with their places (the sessions service), sorted here.
 */
export async function learningPanel(h: HomeContext): Promise<Panel> {
  const sessions = await h.app.sessions.upcoming(h.ctx);
  const monday = weekStart(h.today);
  const sunday = addDays(monday, 6);
  const soon = addDays(h.today, LOW_BOOKINGS_DAYS);
  const dayOf = (d: Date) => londonWallClock(d).date;
  const href = (id: string) => `/learning/sessions/${id}/bookings`;
  const when = (d: Date) => formatDate(d, true);

  const thisWeek = sessions.filter((s) =>
    s.parts.some((p) => dayOf(p.starts_at) >= monday && dayOf(p.starts_at) <= sunday),
  );
  const waiting = sessions.filter((s) => s.waiting > 0).sort((a, b) => b.waiting - a.waiting);
  const low = sessions.filter((s) => {
    const first = dayOf(new Date(s.first_start));
    return first >= h.today && first <= soon && s.booked * 2 < s.capacity;
  });
  return {
    key: "learning",
    title: "Sessions and bookings",
    sections: [
      section(
        "Sessions this week",
        plural(thisWeek.length, "session", "sessions"),
        thisWeek.map((s) => ({
          text: s.course_title,
          href: href(s.id),
          detail: `${when(new Date(s.first_start))}, ${s.booked} of ${s.capacity} places booked`,
        })),
        { href: "/learning/sessions", text: "Sessions" },
      ),
      section(
        "Waiting lists",
        waiting.length === 0
          ? "No waiting lists"
          : `${plural(
              waiting.reduce((n, s) => n + s.waiting, 0),
              "person",
              "people",
            )} waiting, for ${plural(waiting.length, "session", "sessions")}`,
        waiting.map((s) => ({
          text: s.course_title,
          href: href(s.id),
          detail: `${s.waiting} waiting, ${formatDate(new Date(s.first_start), false)}`,
        })),
        { href: "/learning/sessions", text: "Sessions" },
      ),
      section(
        "Sessions with low bookings",
        low.length === 0
          ? "None in the next 4 weeks"
          : `${plural(low.length, "session", "sessions")} under half full in the next 4 weeks`,
        low.map((s) => ({
          text: s.course_title,
          href: href(s.id),
          detail: `${s.booked} of ${s.capacity} places booked, starts ${formatDate(new Date(s.first_start), false)}`,
        })),
        { href: "/learning/sessions", text: "Sessions" },
      ),
    ],
  };
}
