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

/** The check for an endpoint bound to `host`; throws on an entry of `allowFrom` that is not an address or network. */
export function sourceCheckFor(host: string, allowFrom: readonly string[]): SourceCheck {
  if (isLoopback(host)) return { allows: (remote) => remote !== undefined && isLoopback(remote) };
  const list = new net.BlockList();
  for (const entry of allowFrom) {
    const [address = '', bits] = entry.trim().split('/');
    const family = net.isIP(address);
    if (family === 0 || (bits !== undefined && !/^\d{1,3}$/.test(bits))) throw new Error(`not an address or network: ${entry}`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
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
