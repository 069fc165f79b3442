import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ActionCorrelator, AmiActionError, AmiParser, serialise, type AmiChunkItem } from '../../../../electron/telephony/ami/protocol';

const BANNER = 'Asterisk Call Manager/9.0.0\r\n';

function packetsOf(items: AmiChunkItem[]): Array<Record<string, string>> {
  return items.flatMap((item) => (item.kind === 'packet' ? [{ ...item.message }] : []));
}

describe('AMI line protocol', () => {
  it('reads the banner, then packets of Key: Value lines ended by a blank line', () => {
    const parser = new AmiParser();
    const items = parser.push(`${BANNER}Response: Success\r\nActionID: 1\r\nMessage: Authentication accepted\r\n\r\nEvent: FullyBooted\r\nStatus: Fully Booted\r\n\r\n`);
    expect(items[0]).toEqual({ kind: 'banner', version: '9.0.0' });
    expect(packetsOf(items)).toEqual([
      { Response: 'Success', ActionID: '1', Message: 'Authentication accepted' },
      { Event: 'FullyBooted', Status: 'Fully Booted' },
    ]);
  });

  it('tolerates bare LF line ends, keeps colons inside values and empty values', () => {
    const parser = new AmiParser();
    const items = parser.push(`Asterisk Call Manager/5.0.1\nEvent: Hangup\nCause-txt: Normal: clearing\nAccountCode:\n\n`);
    expect(items[0]).toEqual({ kind: 'banner', version: '5.0.1' });
    expect(packetsOf(items)).toEqual([{ Event: 'Hangup', 'Cause-txt': 'Normal: clearing', AccountCode: '' }]);
  });

  it('gathers the lines of a command output without a colon under Output', () => {
    const parser = new AmiParser();
    const items = parser.push(`${BANNER}Response: Follows\r\nActionID: 7\r\nPrivilege: Command\r\nUptime 12s\r\n--END COMMAND--\r\n\r\n`);
    expect(packetsOf(items)).toEqual([{ Response: 'Follows', ActionID: '7', Privilege: 'Command', Output: 'Uptime 12s\n--END COMMAND--' }]);
  });

  it('yields the same packets however TCP splits the stream, between CR and LF included', () => {
    const key = fc.stringMatching(/^[A-Z][A-Za-z0-9-]{0,11}$/);
    const value = fc.stringMatching(/^([!-~]([ -~]{0,20}[!-~])?)?$/);
    const packet = fc.uniqueArray(fc.tuple(key, value), { minLength: 1, maxLength: 6, selector: ([k]) => k });
    fc.assert(
      fc.property(fc.array(packet, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 12 }), fc.boolean(), (packets, cuts, bareLf) => {
        let wire = BANNER + packets.map((fields) => serialise(Object.fromEntries(fields))).join('');
        if (bareLf) wire = wire.replace(/\r\n/g, '\n');
        const points = [...new Set(cuts.map((cut) => cut % (wire.length + 1)))].sort((a, b) => a - b);
        const parser = new AmiParser();
        const items: AmiChunkItem[] = [];
        let from = 0;
        for (const point of [...points, wire.length]) {
          items.push(...parser.push(wire.slice(from, point)));
          from = point;
        }
        expect(items[0]).toEqual({ kind: 'banner', version: '9.0.0' });
        expect(packetsOf(items)).toEqual(packets.map((fields) => Object.fromEntries(fields)));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a value with a line break, which would smuggle headers into an action', () => {
    expect(() => serialise({ Action: 'Login', Username: 'desk\r\nAction: Originate' })).toThrow(/line break/);
  });

  it('matches a list action to its events by ActionID, up to the …Complete event, and passes other events on', async () => {
    const correlator = new ActionCorrelator();
    const result = correlator.expect('a1', 'CoreShowChannels');
    expect(correlator.take({ Response: 'Success', ActionID: 'a1', EventList: 'start' })).toBe(true);
    expect(correlator.take({ Event: 'Hangup', Linkedid: '1.1' })).toBe(false);
    expect(correlator.take({ Event: 'CoreShowChannel', ActionID: 'a1', Channel: 'PJSIP/1001-00000001' })).toBe(true);
    expect(correlator.take({ Event: 'CoreShowChannelsComplete', ActionID: 'a1', EventList: 'Complete', ListItems: '1' })).toBe(true);
    await expect(result).resolves.toEqual({
      response: { Response: 'Success', ActionID: 'a1', EventList: 'start' },
      events: [{ Event: 'CoreShowChannel', ActionID: 'a1', Channel: 'PJSIP/1001-00000001' }],
    });
    expect(correlator.take({ Event: 'CoreShowChannel', ActionID: 'a1' })).toBe(false);
  });

  it('rejects an action the PBX answers with Response: Error, with its message', async () => {
    const correlator = new ActionCorrelator();
    const result = correlator.expect('a2', 'Login');
    correlator.take({ Response: 'Error', ActionID: 'a2', Message: 'Authentication failed' });
    await expect(result).rejects.toBeInstanceOf(AmiActionError);
    await expect(result).rejects.toThrow('The PBX refused Login: Authentication failed');
  });
});
