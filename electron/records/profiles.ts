import type { Kysely } from 'kysely';
import { cleanText } from '../../shared/domain/text';
import { refuse } from '../../shared/i18n/refusals';
import type { Database, UserRow } from '../store/schema';
import { findUser, findUserByName, insertUser } from '../store/users';
import { inWriteTransaction } from '../store/writeTransaction';
import { hashPin, PIN_PATTERN } from './pin';

/** A profile's rules: its name, its PIN, and adding one (the Team screen and `hotline users add`). */

/**
 * A PIN as typed, checked and hashed; null for none. Hash before a write
 * transaction, never inside one: hashing takes tens of milliseconds.
 */
export async function checkedPin(pin: string | undefined | null): Promise<string | null> {
  if (pin === undefined || pin === null || pin === '') return null;
  if (!PIN_PATTERN.test(pin)) throw refuse('pin_format', {}, 'pin');
  return hashPin(pin);
}

export function profileName(typed: string): string {
  const name = cleanText(typed);
  if (name === '') throw refuse('name_required', {}, 'name');
  return name;
}

export async function refuseNameClash(db: Kysely<Database>, name: string, id: number | undefined): Promise<void> {
  const clash = await findUserByName(db, name);
  if (clash && clash.id !== id) throw refuse('name_taken', { name }, 'name');
}

/**
 * A new profile under the same rules wherever it is added: the Team screen
 * (by an admin) and `hotline users add` (on the desk's own machine).
 */
export async function addProfile(db: Kysely<Database>, profile: { name: string; role: UserRow['role']; pin?: string | null | undefined }, now: number): Promise<UserRow> {
  const name = profileName(profile.name);
  const pinHash = await checkedPin(profile.pin);
  const id = await inWriteTransaction(db, async (trx) => {
    await refuseNameClash(trx, name, undefined);
    return insertUser(trx, { name, role: profile.role, pin_hash: pinHash, created_at: now });
  });
  return (await findUser(db, id))!;
}
