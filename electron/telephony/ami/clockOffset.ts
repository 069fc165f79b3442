/**
 * How far the desk's clock is ahead of the PBX's, from events that carry a
 * `Timestamp`: each arrival minus its Timestamp is the offset plus the network's
 * and Asterisk's delay, and that delay is never negative, so the smallest of the
 * recent differences is the best estimate (a burst of queued events only makes
 * some differences larger, never smaller).
 */
export class ClockOffset {
  private readonly samples: number[] = [];

  constructor(private readonly keep = 50) {}

  /** One event: its arrival on the desk's clock and its Timestamp on the PBX's, both epoch ms. */
  sample(arrivalMs: number, pbxMs: number): void {
    this.samples.push(arrivalMs - pbxMs);
    if (this.samples.length > this.keep) this.samples.shift();
  }

  /** Desk minus PBX in ms (positive: the desk is ahead); null before any timestamped event. */
  estimateMs(): number | null {
    return this.samples.length === 0 ? null : Math.min(...this.samples);
  }
}

/** Above this the desk shows the offset (issue 15). */
export const SHOWN_OFFSET_MS = 2000;
