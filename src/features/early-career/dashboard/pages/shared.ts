export { enrolmentHref, forbidden, notFound, text } from "../../pages-shared.js";

export const protectionHref = (enrolmentId: string) => `/early-career/enrolments/${enrolmentId}/protection`;

/** A bar of a chart: its words (read by everyone), its length as a share of the longest, its colour. */
export interface Bar {
  label: string;
  percent: number;
  colour: string;
}
