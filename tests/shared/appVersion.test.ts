import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../shared/appVersion';

describe('the app version', () => {
  it('is the one package.json releases (the team server judges desks by it)', () => {
    expect(APP_VERSION).toBe((JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string }).version);
  });
});
