import type { CallRecord, UserView } from '../../shared/api/records';
import { callAtStage, type CallOptions, type CallStage } from './callAtStage';
import { openTestDesk, type TestDesk } from './tempStore';

/** Who works at the desk: the admin who set it up (李娜, profile 1), and the agent and team lead a test asked for. */
export type Staff = 'admin' | 'agent' | 'lead';

export interface DeskOptions {
  /** The clock's first reading (default SEED_MORNING) and the desk's zone (default Asia/Shanghai). */
  now?: number;
  zone?: string;
  /** The database file (default: a new one in a temp folder, removed by close). */
  file?: string;
  /** An agent's profile, by name (e.g. 王芳); signed in unless `signedIn` says otherwise. */
  agent?: string;
  /** A team lead's profile, by name (e.g. 张主管). */
  lead?: string;
  /** Who is signed in when the fixture hands the desk over (and logs `records`). */
  signedIn?: Staff;
  /** Calls logged before the test starts, in order, each brought to its stage by callAtStage. */
  records?: Array<[CallStage, CallOptions?]>;
}

export interface StaffedDesk extends TestDesk {
  /** Profile ids, for signIn requests a test makes itself. */
  people: Partial<Record<Staff, number>> & { admin: number };
  /** Signs the given profile in on this desk's session. */
  signInAs(who: Staff): Promise<UserView>;
  /** The records of `records`, as their last request answered them. */
  records: CallRecord[];
}

/**
 * A real temp-file desk, set up, with the profiles a test needs, one of them
 * signed in, the settable clock of openTestDesk, and optionally records at
 * given stages. Every profile and record is made through the real handlers.
 * @example const desk = await openDeskWithRecords({ agent: '王芳', lead: '张主管', records: [['closed'], ['started']] });
 */
export async function openDeskWithRecords(options: DeskOptions = {}): Promise<StaffedDesk> {
  const { now, zone, file } = options;
  const desk = await openTestDesk({ ...(now !== undefined && { now }), ...(zone !== undefined && { zone }), ...(file !== undefined && { file }) });
  const admin = (await desk.ok('whoAmI', {}))!.id;
  const people: StaffedDesk['people'] = { admin };
  if (options.agent) people.agent = (await desk.ok('saveUser', { name: options.agent, role: 'agent' })).id;
  if (options.lead) people.lead = (await desk.ok('saveUser', { name: options.lead, role: 'team_lead' })).id;
  const signInAs = (who: Staff) => {
    const userId = people[who];
    if (userId === undefined) throw new Error(`openDeskWithRecords: no ${who} at this desk; give the fixture a name for one.`);
    return desk.ok('signIn', { userId });
  };
  const first = options.signedIn ?? (options.agent ? 'agent' : 'admin');
  // The admin is signed in already by the set-up: no second sign-in for it.
  if (first !== 'admin') await signInAs(first);
  const records: CallRecord[] = [];
  for (const [stage, callOptions] of options.records ?? []) records.push(await callAtStage(desk, stage, callOptions));
  return { ...desk, people, signInAs, records };
}
