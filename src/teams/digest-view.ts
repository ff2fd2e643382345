import { z } from 'zod';
import type { Status } from '../domain/status.js';

/** What the services hand the Teams layer for the day's digest (see digest-card.ts), and what its buttons carry. */

/** Where a digest's record is: what its buttons carry, so its card can be shown again from the store. */
export const DigestRefSchema = z.object({ bodyId: z.string().max(100), id: z.string().max(300) });
export type DigestRef = z.infer<typeof DigestRefSchema>;

/** No digest: what an update card opened from anywhere else carries. */
export const NO_DIGEST: DigestRef = { bodyId: '', id: '' };

export function isDigest(ref: DigestRef | undefined): ref is DigestRef {
  return ref !== undefined && ref.id !== '' && ref.bodyId !== '';
}

export type DigestEntryView = {
  key: { bodyId: string; year: string; ref: string };
  bodyName: string;
  text: string;
  reason: string;
  section: 'yours' | 'chaired';
  status: Status;
  deadline: string | null;
  deadlineText: string;
  /** For an escalation: the lead, as the plan names them (and who holds the role). */
  lead: string | null;
  /** An update was recorded since the digest went, or the action is closed. */
  done: boolean;
};

export type DigestView = {
  timeZone: string;
  /** The digest's record; null for a channel's, whose buttons open update cards privately. */
  ref: DigestRef | null;
  audience: 'person' | 'channel';
  /** The local date it is for. */
  date: string;
  entries: DigestEntryView[];
  /** Actions the digest carried past `entries` (more than its record keeps): counted, not listed. */
  beyond?: number;
  /**
   * The update just recorded from this digest, or the undo of one, shown at
   * the top: with its Undo while it lasts (the same offer as the recorded
   * card's); `undone` for the correcting update an Undo recorded.
   */
  recorded?: DigestRecorded | null;
  /** Why an Undo pressed on the digest was refused; the digest is shown again with it. */
  refusal?: string;
};

export type DigestRecorded = {
  key: { bodyId: string; year: string; ref: string };
  updateId: string;
  status: Status;
  undone: boolean;
  undo: { updateId: string; until: string } | null;
};
