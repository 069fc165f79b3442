import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetTeamUrl, readTeamUrl, saveTeamUrl, type UrlSealer } from '../../../electron/durability/teamUrl';
import { tempDir } from '../../helpers/tempStore';

const folders: Array<() => void> = [];
afterEach(() => folders.splice(0).forEach((remove) => remove()));
const dbFile = () => {
  const tmp = tempDir();
  folders.push(tmp.remove);
  return path.join(tmp.dir, 'hotline.db');
};
/** A stand-in for safeStorage: reversible, and plainly not the URL. */
const sealer: UrlSealer = { seal: (t) => Buffer.from(t).reverse().toString('base64'), unseal: (s) => Buffer.from(s, 'base64').reverse().toString() };
const URL_A = 'postgresql://hotline_desk_A03:s3cret@team.example:5432/hotline?sslmode=verify-full';

describe('the team URLs beside the database', () => {
  it('keeps the desk and team-scope URLs apart in the 0600 settings file, and forgets one without the other', () => {
    const db = dbFile();
    saveTeamUrl(db, URL_A);
    saveTeamUrl(db, 'postgresql://hotline_lead_zhao:x@team.example/hotline', undefined, 'scope');
    expect(readTeamUrl(db)).toBe(URL_A);
    expect(readTeamUrl(db, undefined, 'scope')).toBe('postgresql://hotline_lead_zhao:x@team.example/hotline');
    expect(fs.statSync(`${db}.settings.json`).mode & 0o777).toBe(0o600);
    forgetTeamUrl(db, 'scope');
    expect(readTeamUrl(db, undefined, 'scope')).toBeNull();
    expect(readTeamUrl(db)).toBe(URL_A);
  });

  it('seals a URL a CLI join left in the clear at the desktop app\'s first read, and keeps no clear copy', () => {
    const db = dbFile();
    saveTeamUrl(db, URL_A);
    expect(readTeamUrl(db, sealer)).toBe(URL_A);
    const text = fs.readFileSync(`${db}.settings.json`, 'utf8');
    expect(text).not.toContain('s3cret');
    expect(JSON.parse(text)).toEqual({ teamUrlSealed: sealer.seal(URL_A) });
    expect(readTeamUrl(db, sealer)).toBe(URL_A);
    // The CLI cannot read a sealed URL (it has no keychain): none, rather than garbage.
    expect(readTeamUrl(db)).toBeNull();
  });
});
