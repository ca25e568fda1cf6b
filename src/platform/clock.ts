/**
 * The one source of "now". Nothing else calls `new Date()` for the current time: services take a
 * Clock so tests can move time (see TestClock).
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  now: () => new Date(),
};

/** A clock tests set and move by hand. */
export class TestClock implements Clock {
  #now: Date;
  constructor(start: Date | string = "2026-04-01T09:00:00Z") {
    this.#now = new Date(start);
  }
  now(): Date {
    return new Date(this.#now.getTime());
  }
  set(to: Date | string): void {
    this.#now = new Date(to);
  }
  advance(ms: number): void {
    this.#now = new Date(this.#now.getTime() + ms);
  }
  advanceDays(days: number): void {
    this.advance(days * 24 * 60 * 60 * 1000);
  }
}

/** ISO date (yyyy-mm-dd) of an instant, in UTC. */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
