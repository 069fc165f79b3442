import net from 'node:net';

/**
 * Who may reach the endpoint. Bound to loopback (the default), only this
 * computer can. Bound to a LAN address for a PBX on another host, only the
 * source addresses an admin listed: single addresses ("192.168.1.20",
 * "fd00::5") or networks ("192.168.1.0/24").
 */
export function isLoopback(address: string): boolean {
  const plain = plainAddress(address);
  return plain === 'localhost' || plain === '::1' || /^127\./.test(plain);
}

/** An IPv4 peer on a dual-stack socket arrives as ::ffff:a.b.c.d. */
export function plainAddress(address: string): string {
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
}

export interface SourceCheck {
  allows(remoteAddress: string | undefined): boolean;
}

/** One entry of the allow-list: a single address or a network, as BlockList takes it. */
export type SourceEntry = { type: 'ipv4' | 'ipv6'; address: string; prefix: number | null };

/**
 * Reads one allow-list entry ("192.168.1.20", "10.8.0.0/16", "fd00::5"), or null when it is
 * not an address or a network (a host name, a prefix longer than the family has). The
 * Telephony card checks what an admin types with this same reader, so an entry the card
 * accepts is one the endpoint takes.
 */
export function parseSourceEntry(entry: string): SourceEntry | null {
  const [address = '', bits, extra] = entry.trim().split('/');
  const family = net.isIP(address);
  if (family === 0 || extra !== undefined || address.includes('%')) return null;
  if (bits === undefined) return { type: family === 4 ? 'ipv4' : 'ipv6', address, prefix: null };
  const prefix = /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
  if (!(prefix <= (family === 4 ? 32 : 128))) return null;
  return { type: family === 4 ? 'ipv4' : 'ipv6', address, prefix };
}

/** The check for an endpoint bound to `host`; throws on an entry of `allowFrom` that is not an address or network. */
export function sourceCheckFor(host: string, allowFrom: readonly string[]): SourceCheck {
  if (isLoopback(host)) return { allows: (remote) => remote !== undefined && isLoopback(remote) };
  const list = new net.BlockList();
  for (const entry of allowFrom) {
    const parsed = parseSourceEntry(entry);
    if (parsed === null) throw new Error(`not an address or network: ${entry}`);
    if (parsed.prefix === null) list.addAddress(parsed.address, parsed.type);
    else list.addSubnet(parsed.address, parsed.prefix, parsed.type);
  }
  return {
    allows(remote) {
      if (remote === undefined) return false;
      const plain = plainAddress(remote);
      const family = net.isIP(plain);
      return family !== 0 && list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}
