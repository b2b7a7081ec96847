import type { ActivityRow } from "../model/activity.js";

/** ACTIVITY_CAP is how many events the list shows, as many as the server's ring replays. */
export const ACTIVITY_CAP = 300;

/** ActivityFeedView is what the Activity list shows. */
export interface ActivityFeedView {
  /** rows are the events shown, newest first, at most the cap. */
  readonly rows: readonly ActivityRow[];
  /** paused is true while new events are held back instead of shown. */
  readonly paused: boolean;
  /**
   * waiting counts the events that arrived while paused. Only the newest `cap` of them are held:
   * more could never be shown.
   */
  readonly waiting: number;
  /** held counts the events that `resume` will show: `waiting`, or the cap when more waited. */
  readonly held: number;
}

const EMPTY: ActivityFeedView = { rows: [], paused: false, waiting: 0, held: 0 };

/**
 * ActivityFeed is the Activity list without React or the network: newest first, capped, with a
 * pause that holds new events back. An event already in it (a replay after a reconnect) is
 * ignored. Each change makes a new `view`; between changes it is the same object.
 */
export class ActivityFeed {
  view: ActivityFeedView = EMPTY;
  private heldRows: ActivityRow[] = [];
  private readonly keys = new Set<string>();
  private readonly cap: number;

  constructor(cap = ACTIVITY_CAP) {
    this.cap = cap;
  }

  /** add puts `row` on top, or holds it while paused. @returns false when it was already there. */
  add(row: ActivityRow): boolean {
    if (this.keys.has(row.key)) return false;
    this.keys.add(row.key);
    if (this.view.paused) {
      this.heldRows = this.trim([row, ...this.heldRows]);
      this.view = { ...this.view, waiting: this.view.waiting + 1, held: this.heldRows.length };
    } else {
      this.view = { ...this.view, rows: this.trim([row, ...this.view.rows]) };
    }
    return true;
  }

  /** pause holds new events back until `resume`. */
  pause(): void {
    if (!this.view.paused) this.view = { ...this.view, paused: true };
  }

  /** resume shows the held events on top, newest first, and new ones as they come. */
  resume(): void {
    if (!this.view.paused) return;
    const rows = this.trim([...this.heldRows, ...this.view.rows]);
    this.heldRows = [];
    this.view = { ...EMPTY, rows };
  }

  /** clear forgets every event and the pause: the list starts over. */
  clear(): void {
    this.heldRows = [];
    this.keys.clear();
    this.view = EMPTY;
  }

  /** trim keeps the first `cap` of `rows` and forgets the keys of the rest. */
  private trim(rows: ActivityRow[]): ActivityRow[] {
    for (const dropped of rows.splice(this.cap)) this.keys.delete(dropped.key);
    return rows;
  }
}
