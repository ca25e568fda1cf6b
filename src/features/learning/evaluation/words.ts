/** The words of the evaluation's 1 to 5 scales, as the forms show them and the reports read them. */
export const ratingWords = ["Very poor", "Poor", "Neither good nor poor", "Good", "Excellent"] as const;
export const confidenceWords = [
  "Not at all confident",
  "Slightly confident",
  "Fairly confident",
  "Confident",
  "Very confident",
] as const;
export const impactWords = [
  "No change",
  "A little change",
  "Some change",
  "A lot of change",
  "Significant change",
] as const;

/** The word for a point on a scale (1 to 5), or "" when there is none. */
export function wordFor(words: readonly string[], value: number | null | undefined): string {
  return value ? (words[value - 1] ?? "") : "";
}

/** A mean from fewer responses than this is not shown (small numbers identify people). */
export const SMALL_NUMBER = 5;
export const suppressedText = "fewer than 5 responses";

/** Invitations and follow-ups older than this when the job first sees them are not emailed. */
export const SEND_WITHIN_DAYS = 30;
