import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

/**
 * A SCRAM-SHA-256 verifier for a role's password (RFC 5802/7677, as
 * PostgreSQL stores it), worked out here so that the password itself never
 * reaches the server: not in its log (log_statement = ddl), not in
 * pg_stat_activity. The password must be ASCII (ours are base64url), so
 * SASLprep leaves it as it is.
 */
export function scramVerifier(password: string, iterations = 4096): string {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/** A new role's password: 192 random bits, URL-safe. */
export function newPassword(): string {
  return randomBytes(24).toString('base64url');
}
