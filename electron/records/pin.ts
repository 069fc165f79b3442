import crypto from 'node:crypto';

/**
 * Optional PINs for local profiles, stored as scrypt hashes with a per-user
 * salt: a copied database file does not give the PINs away.
 *
 * Hashing is asynchronous (libuv's thread pool): `scryptSync` held the main
 * process for tens of milliseconds per guess, so a stream of wrong PINs froze
 * every other click. `crypto.scrypt` is looked up at each call rather than
 * promisified once, so that a test can count how often hashing is reached.
 */
const KEY_LENGTH = 32;

function scrypt(pin: string, salt: Buffer, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    crypto.scrypt(pin, salt, length, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPin(pin: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  return `scrypt$${salt.toString('base64')}$${(await scrypt(pin, salt, KEY_LENGTH)).toString('base64')}`;
}

export async function pinMatches(pin: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  if (expected.length === 0) return false;
  const actual = await scrypt(pin, Buffer.from(salt, 'base64'), expected.length);
  // Constant time: how many leading bytes matched must not show in the answer's timing.
  return crypto.timingSafeEqual(actual, expected);
}

/** 4–8 digits: a short code for switching profiles at a shared desk, not a password. */
export const PIN_PATTERN = /^\d{4,8}$/;
