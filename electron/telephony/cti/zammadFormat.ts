import { z } from 'zod';

/**
 * Zammad's "Generic CTI" push (docs.zammad.org, api/generic-cti): what a PBX or
 * a bridge POSTs for each moment of a call. Read here exactly as Zammad reads
 * it, so that anything already pointed at Zammad can point at a desk:
 * - events `newCall`, `answer`, `hangup`;
 * - fields `from`, `to`, `direction` (in|out), `callId` (up to 250 characters),
 *   `user` (one real name, or several: `user[]` repeated in a form body, an
 *   array in JSON), `queue`, `answeringNumber` (who picked up: a phone,
 *   login or id) and, on hangup, `cause`;
 * - bodies as JSON (Zammad recommends it) or form-encoded, urlencoded or multipart.
 * Unknown fields are ignored, as Zammad ignores them.
 *
 * Pure: text in, a push or a one-line reason out. A reason never quotes what
 * was sent, since any field may hold a full phone number.
 */
export const ZAMMAD_EVENTS = ['newCall', 'answer', 'hangup'] as const;
export const ZAMMAD_CAUSES = ['normalClearing', 'busy', 'cancel', 'noAnswer', 'congestion', 'notFound', 'forwarded'] as const;
export type ZammadEvent = (typeof ZAMMAD_EVENTS)[number];
export type ZammadCause = (typeof ZAMMAD_CAUSES)[number];

/** Zammad's limit for callId; the other fields are names and numbers, far shorter. */
const MAX_TEXT = 250;
/** A group call rings several users; more than this is not a call. */
const MAX_USERS = 50;

/** JSON bridges send numbers and ids as numbers as often as strings. */
const text = z.union([z.string(), z.number().transform(String)]).pipe(z.string().max(MAX_TEXT));

const pushSchema = z.object({
  event: z.enum(ZAMMAD_EVENTS),
  callId: text.pipe(z.string().min(1)),
  from: text.optional(),
  to: text.optional(),
  direction: z.enum(['in', 'out']).optional(),
  user: z.array(text).max(MAX_USERS).optional(),
  queue: text.optional(),
  answeringNumber: text.optional(),
  cause: z.enum(ZAMMAD_CAUSES).optional(),
});

export type ZammadPush = z.infer<typeof pushSchema>;

export type Parsed = { ok: true; push: ZammadPush } | { ok: false; reason: string };

/** The body types Zammad's endpoint takes. */
export type BodyKind = 'json' | 'form';

/** Which body a Content-Type header announces, or null for one Zammad does not take. */
export function bodyKindOf(contentType: string | undefined): BodyKind | 'multipart' | null {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  if (type === 'multipart/form-data') return 'multipart';
  return null;
}

/** A JSON body's push. */
export function parseJsonPush(body: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    // JSON.parse's own message quotes the body: never passed on.
    return { ok: false, reason: 'the body is not valid JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, reason: 'the body must be a JSON object' };
  const fields = { ...(value as Record<string, unknown>) };
  return validate(withUsers(fields, [fields.user, fields['user[]']]));
}

/** A form body's push: `user` and `user[]` may each come once or repeated. */
export function parseFormPush(fields: Iterable<[string, string]>): Parsed {
  const record: Record<string, unknown> = {};
  const users: string[] = [];
  for (const [key, value] of fields) {
    if (key === 'user' || key === 'user[]') users.push(value);
    else if (!(key in record)) record[key] = value;
  }
  return validate(users.length > 0 ? { ...record, user: users } : record);
}

/** `user` as a list, from a JSON string, a JSON array, or both keys. */
function withUsers(fields: Record<string, unknown>, sent: unknown[]): Record<string, unknown> {
  const present = sent.filter((u) => u !== undefined && u !== null);
  delete fields['user[]'];
  if (present.length === 0) {
    delete fields.user;
    return fields;
  }
  return { ...fields, user: present.flatMap((u) => (Array.isArray(u) ? (u as unknown[]) : [u])) };
}

function validate(fields: Record<string, unknown>): Parsed {
  const result = pushSchema.safeParse(fields);
  if (!result.success) return { ok: false, reason: reasonFor(result.error.issues[0]?.path[0]) };
  // A newCall must say which way it goes: it decides whose number the desk keeps four digits of.
  if (result.data.event === 'newCall' && result.data.direction === undefined) return { ok: false, reason: reasonFor('direction') };
  return { ok: true, push: result.data };
}

/** One line per field, written here, never zod's (which quotes the value it received). */
const REASONS: Record<string, string> = {
  event: `event must be one of ${ZAMMAD_EVENTS.join(', ')}`,
  callId: `callId is missing, empty or longer than ${MAX_TEXT} characters`,
  direction: 'direction must be in or out (and a newCall must have one)',
  cause: `cause must be one of ${ZAMMAD_CAUSES.join(', ')}`,
  user: `user must be a name of at most ${MAX_TEXT} characters, or a list of at most ${MAX_USERS}`,
};

function reasonFor(field: PropertyKey | undefined): string {
  const name = typeof field === 'string' ? field : '';
  return REASONS[name] ?? `${name || 'a field'} must be text of at most ${MAX_TEXT} characters`;
}
