import crypto from 'node:crypto';

/**
 * Optional PINs for local profiles, stored as scrypt hashes with a per-user
 * salt: a copied database file does not give the PINs away.
 */
const KEY_LENGTH = 32;

export function hashPin(pin: string): string {
  const salt = crypto.randomBytes(16);
  return `scrypt$${salt.toString('base64')}$${crypto.scryptSync(pin, salt, KEY_LENGTH).toString('base64')}`;
}

export function pinMatches(pin: string, stored: string): boolean {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = crypto.scryptSync(pin, Buffer.from(salt, 'base64'), expected.length);
  return crypto.timingSafeEqual(actual, expected);
}

/** 4–8 digits: a short code for switching profiles at a shared desk, not a password. */
export const PIN_PATTERN = /^\d{4,8}$/;
