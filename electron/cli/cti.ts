import { ctiAddressOf, ctiUrlOf, readCtiEndpoint } from '../durability/ctiEndpoint';
import { ZAMMAD_CAUSES, ZAMMAD_EVENTS, type ZammadEvent } from '../telephony/cti/zammadFormat';
import { DB_HELP, UsageError, type Command } from './args';
import { dbFileOf } from './withStore';

/** A softphone's hook runs while the phone rings: it must not hang. */
const TIMEOUT_MS = 5000;

/**
 * `hotline cti`: one Zammad-format push to this desk's own CTI endpoint, for a
 * softphone's "run a command on incoming call / answer / hang-up" hook. It
 * finds the endpoint's port and token in the desk's settings file. It never
 * prints what it was given: --from and --to are full phone numbers.
 */
export const ctiCommand: Command = {
  name: 'cti',
  summary: 'tell the running desk about a call (newCall, answer, hangup): for a softphone hook',
  usage: `hotline cti newCall|answer|hangup --call-id ID [--from NUMBER] [--to NUMBER]
            [--direction in|out] [--user NAME] [--answering-number WHO]
            [--queue Q] [--cause CAUSE] [--db PATH]
hotline cti url [--db PATH]

Sends one event to the CTI endpoint of the desk that is running on this
computer (the desktop app or hotline serve), in Zammad's generic CTI format.
Only the last four digits of --from and --to are kept by the desk.
\`hotline cti url\` prints the endpoint's URL, secret token included, for a PBX
or bridge to push to (the desk makes it at its first start and keeps it).

  --call-id ID      the same id on every event of one call (required)
  --from NUMBER     the calling number (a newCall needs it for an inbound call)
  --to NUMBER       the called number
  --direction D     in (default) or out
  --user NAME       the agent the call rings (in) or who dials (out)
  --answering-number WHO  on answer: who picked up (extension, login)
  --queue Q         the queue the call came through
  --cause CAUSE     on hangup: ${ZAMMAD_CAUSES.join(', ')}
  ${DB_HELP}`,
  options: {
    'call-id': { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    direction: { type: 'string' },
    user: { type: 'string' },
    'answering-number': { type: 'string' },
    queue: { type: 'string' },
    cause: { type: 'string' },
  },
  async run(values, positionals) {
    const [event, ...extra] = positionals;
    if (event === 'url' && extra.length === 0) return printUrl(dbFileOf(values));
    // Neither message quotes what was typed: it may be a phone number in the wrong place.
    if (!isEvent(event) || extra.length > 0) throw new UsageError(`give one event: ${ZAMMAD_EVENTS.join(', ')}`);
    const callId = values['call-id'];
    if (typeof callId !== 'string' || callId === '') throw new UsageError('--call-id is required');
    const direction = values.direction ?? 'in';
    if (direction !== 'in' && direction !== 'out') throw new UsageError('--direction must be in or out');
    if (values.cause !== undefined && !(ZAMMAD_CAUSES as readonly unknown[]).includes(values.cause)) {
      throw new UsageError(`--cause must be one of ${ZAMMAD_CAUSES.join(', ')}`);
    }
    const file = dbFileOf(values);
    const endpoint = readCtiEndpoint(file);
    if (endpoint.port === null || endpoint.token === null) return noEndpointYet(file);
    const push = {
      event,
      callId,
      direction,
      ...optional('from', values.from),
      ...optional('to', values.to),
      ...optional('user', values.user),
      ...optional('answeringNumber', values['answering-number']),
      ...optional('queue', values.queue),
      ...optional('cause', values.cause),
    };
    const where = ctiAddressOf(endpoint.host, endpoint.port);
    let response: Response;
    try {
      response = await fetch(`http://${where}/cti/${endpoint.token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(push),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      const code = (error as { cause?: { code?: unknown } }).cause?.code;
      const why = code === 'ECONNREFUSED' ? 'nothing is listening there: is Hotline Log (the desktop app or hotline serve) running on this desk?' : code === undefined ? 'no answer in time' : `it could not be reached (${String(code)})`;
      process.stderr.write(`hotline cti: no CTI endpoint answered at ${where}: ${why}\n`);
      return 1;
    }
    if (response.ok) {
      // One short line, so that a person trying the hook by hand sees it arrived (a softphone ignores it); the call id is not repeated.
      process.stdout.write(`${event}: the desk took it\n`);
      return 0;
    }
    // The endpoint's refusal is one line that never quotes the push.
    const said = (await response.text()).split('\n')[0]?.slice(0, 200) ?? '';
    process.stderr.write(`hotline cti: the desk refused the event (${response.status}): ${said}\n`);
    return 1;
  },
};

function noEndpointYet(file: string): number {
  process.stderr.write(`hotline cti: this desk has no CTI endpoint yet (${file}): start Hotline Log once, the desktop app or hotline serve, and it makes one\n`);
  return 1;
}

/** The URL an admin gives the PBX or bridge: Zammad's path shape, so a bridge written for Zammad needs only it. */
function printUrl(file: string): number {
  const url = ctiUrlOf(readCtiEndpoint(file));
  if (url === null) return noEndpointYet(file);
  process.stdout.write(`${url}\n`);
  return 0;
}

function isEvent(name: string | undefined): name is ZammadEvent {
  return (ZAMMAD_EVENTS as readonly (string | undefined)[]).includes(name);
}

function optional(key: string, value: string | boolean | undefined): Record<string, string> {
  return typeof value === 'string' && value !== '' ? { [key]: value } : {};
}
