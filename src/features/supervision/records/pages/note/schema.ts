import { z } from "zod";
import { text } from "../shared.js";

/** The reflective note: empty removes it. */
export const noteForm = z.object({
  note: text.pipe(z.string().max(20000, "The reflective note must be 20000 characters or fewer")),
});
export type NoteForm = z.output<typeof noteForm>;
