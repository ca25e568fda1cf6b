/** Undo steps, run last-in first-out once (on success, failure or a signal); each step's failure is reported, not thrown. */
export class Cleanup {
  readonly #steps: { label: string; run: () => Promise<void> }[] = [];
  #ran: Promise<void> | undefined;

  add(label: string, run: () => Promise<void>): void {
    this.#steps.push({ label, run });
  }

  run(): Promise<void> {
    this.#ran ??= (async () => {
      for (const step of this.#steps.reverse()) {
        try {
          await step.run();
        } catch (err) {
          console.error(`bench: cleanup "${step.label}" failed:`, err instanceof Error ? err.message : err);
        }
      }
    })();
    return this.#ran;
  }
}
