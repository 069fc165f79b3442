/**
 * `ami://user:secret@host:5038` (plain TCP) or `amis://user:secret@host:5039`
 * (TLS, Asterisk's `tlsbindport`). User and secret may be percent-encoded.
 */
export interface AmiTarget {
  tls: boolean;
  host: string;
  port: number;
  username: string;
  secret: string;
  /** How events name this PBX (CallSource.pbx): host:port, never the credentials. */
  pbx: string;
}

const DEFAULT_PORT = { 'ami:': 5038, 'amis:': 5039 } as const;

export function parseAmiUrl(text: string): AmiTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error('The AMI address is not a URL: write it as ami://user:secret@host:5038');
  }
  if (url.protocol !== 'ami:' && url.protocol !== 'amis:') {
    throw new Error(`The AMI address must start with ami:// or amis:// (TLS), not ${url.protocol}//`);
  }
  if (url.hostname === '') throw new Error('The AMI address names no host');
  if (url.username === '') throw new Error('The AMI address names no manager user: ami://user:secret@host:5038');
  const port = url.port === '' ? DEFAULT_PORT[url.protocol] : Number(url.port);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return {
    tls: url.protocol === 'amis:',
    host,
    port,
    username: decodeURIComponent(url.username),
    secret: decodeURIComponent(url.password),
    pbx: `${url.hostname}:${port}`,
  };
}
