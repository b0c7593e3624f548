/**
 * Which addresses an outgoing webhook may reach: pure rules, no I/O (webhook-delivery.ts resolves and connects).
 * A webhook is set by a tenant's managers and sent by the server, so it must not reach the server's own network:
 * loopback, private, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, unique-local, and
 * addresses that are no destination at all (unspecified, multicast, broadcast, reserved), in every way an address
 * can be written (IPv4 in decimal, octal, hex or shortened; IPv6 compressed, zoned, or carrying an IPv4 address).
 * The instance's operator may allow them (`ASSAY_WEBHOOK_ALLOW_PRIVATE=1`, or an allow-list of hosts and networks
 * in `ASSAY_WEBHOOK_ALLOW`).
 */
import { ValidationError } from '../../domain/index.js';

/** An IP address as its bytes: 4 for IPv4, 16 for IPv6. */
export type IpAddress = readonly number[];

/** What the operator allows beyond public addresses. */
export interface WebhookPolicy {
  /** Every internal range (ASSAY_WEBHOOK_ALLOW_PRIVATE=1). */
  allowPrivate: boolean;
  /** Hosts allowed whatever they resolve to, lower-cased (ASSAY_WEBHOOK_ALLOW entries that are names). */
  hosts: ReadonlySet<string>;
  /** Networks allowed (ASSAY_WEBHOOK_ALLOW entries that are addresses or CIDR ranges). */
  networks: readonly Network[];
}

export interface Network {
  address: IpAddress;
  prefix: number;
}

/** Public addresses only: the default. */
export const PUBLIC_ONLY: WebhookPolicy = { allowPrivate: false, hosts: new Set(), networks: [] };

/** The policy the instance's environment sets; a malformed allow-list entry is refused, naming it. */
export function webhookPolicyFrom(env: Readonly<Record<string, string | undefined>>): WebhookPolicy {
  const allowPrivate = env['ASSAY_WEBHOOK_ALLOW_PRIVATE'] ?? '';
  if (!['', '0', '1'].includes(allowPrivate)) {
    throw new ValidationError([{ location: 'ASSAY_WEBHOOK_ALLOW_PRIVATE', message: `must be 1 (allow) or 0 (refuse), not "${allowPrivate}"` }], 'Bad webhook setting');
  }
  const hosts = new Set<string>();
  const networks: Network[] = [];
  for (const entry of (env['ASSAY_WEBHOOK_ALLOW'] ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const network = parseNetwork(entry);
    if (network) networks.push(network);
    else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(entry) && !/^[\d.]+$/.test(entry)) hosts.add(entry.toLowerCase().replace(/\.$/, ''));
    else {
      throw new ValidationError(
        [{ location: 'ASSAY_WEBHOOK_ALLOW', message: `"${entry}" is neither a host name nor an address or network (e.g. hooks.internal, 10.0.0.0/8, fd00::/8)` }],
        'Bad webhook setting',
      );
    }
  }
  return { allowPrivate: allowPrivate === '1', hosts, networks };
}

/** `10.0.0.0/8`, `fd00::/8`, or a single address; null when `text` is none of those. */
export function parseNetwork(text: string): Network | null {
  const [addressText, prefixText, ...rest] = text.split('/');
  if (addressText === undefined || rest.length > 0) return null;
  const address = parseIpAddress(addressText);
  if (!address) return null;
  const bits = address.length * 8;
  if (prefixText === undefined) return { address, prefix: bits };
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) return null;
  return { address, prefix: Number(prefixText) };
}

/**
 * The bytes of an IP address written any way a URL or a resolver would take it, or null when `text` is a host
 * name. IPv4 as inet_aton reads it (1 to 4 parts, each decimal, octal with a leading 0, or hex with 0x: `127.1`,
 * `0x7f000001`, `0177.0.0.1`, `2130706433`); IPv6 with or without brackets, `::` and a zone (`fe80::1%eth0`).
 */
export function parseIpAddress(text: string): IpAddress | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return bare.includes(':') ? parseIpv6(bare) : parseIpv4(bare);
}

function parseIpv4(text: string): IpAddress | null {
  const parts = text.split('.');
  // A URL host may end with a dot ("127.0.0.1.").
  if (parts.length > 1 && parts.at(-1) === '') parts.pop();
  if (parts.length === 0 || parts.length > 4) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    let value: number;
    if (/^0x[0-9a-f]*$/i.test(part)) value = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
    else if (/^0[0-7]+$/.test(part)) value = parseInt(part.slice(1), 8);
    else if (/^(0|[1-9]\d*)$/.test(part)) value = Number(part);
    else return null;
    numbers.push(value);
  }
  const last = numbers.pop() as number;
  if (numbers.some((n) => n > 255) || last >= 256 ** (4 - numbers.length)) return null;
  let value = numbers.reduce((sum, n, i) => sum + n * 256 ** (3 - i), 0) + last;
  const bytes: number[] = [];
  for (let i = 0; i < 4; i++) {
    bytes.unshift(value % 256);
    value = Math.floor(value / 256);
  }
  return bytes;
}

function parseIpv6(text: string): IpAddress | null {
  const address = text.replace(/%.*$/, '');
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const groups = (half: string | undefined): number[] | null => {
    if (half === undefined || half === '') return [];
    const out: number[] = [];
    const pieces = half.split(':');
    for (const [i, piece] of pieces.entries()) {
      if (i === pieces.length - 1 && piece.includes('.')) {
        const ipv4 = parseStrictIpv4(piece);
        if (!ipv4) return null;
        out.push((ipv4[0] as number) * 256 + (ipv4[1] as number), (ipv4[2] as number) * 256 + (ipv4[3] as number));
      } else if (/^[0-9a-f]{1,4}$/i.test(piece)) out.push(parseInt(piece, 16));
      else return null;
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const words = [...head, ...Array<number>(halves.length === 1 ? 0 : missing).fill(0), ...tail];
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

/** Dotted decimal only, as IPv6 carries an IPv4 address. */
function parseStrictIpv4(text: string): IpAddress | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return null;
  return parts.map(Number);
}

/** Whether `address` lies in `network` (an IPv4 network also holds the IPv4-mapped IPv6 form of its addresses). */
export function inNetwork(address: IpAddress, network: Network): boolean {
  const a = ipv4Of(address) ?? address;
  const n = ipv4Of(network.address) ?? network.address;
  const prefix = network.address.length === 16 && n.length === 4 ? Math.max(0, network.prefix - 96) : network.prefix;
  if (a.length !== n.length) return false;
  for (let bit = 0; bit < prefix; bit++) {
    const mask = 0x80 >> bit % 8;
    if (((a[Math.floor(bit / 8)] as number) & mask) !== ((n[Math.floor(bit / 8)] as number) & mask)) return false;
  }
  return true;
}

/** The IPv4 address an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) stands for; the address itself if IPv4. */
function ipv4Of(address: IpAddress): IpAddress | null {
  if (address.length === 4) return address;
  const mapped = address.slice(0, 10).every((b) => b === 0) && address[10] === 0xff && address[11] === 0xff;
  return mapped ? address.slice(12) : null;
}

const IPV4_RANGES: readonly (readonly [string, number, string])[] = [
  ['0.0.0.0', 8, 'unspecified ("this network")'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved for protocol assignments'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved for benchmarking'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved (or broadcast)'],
];

const IPV6_RANGES: readonly (readonly [string, number, string])[] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local'],
  ['fc00::', 7, 'unique-local'],
  ['ff00::', 8, 'multicast'],
];

const networks = (ranges: readonly (readonly [string, number, string])[]) =>
  ranges.map(([address, prefix, name]) => ({ network: { address: parseIpAddress(address) as IpAddress, prefix }, name }));
const INTERNAL_IPV4 = networks(IPV4_RANGES);
const INTERNAL_IPV6 = networks(IPV6_RANGES);

/**
 * The IPv4 address an IPv6 address carries and would reach: IPv4-mapped (`::ffff:0:0/96`), IPv4-compatible
 * (`::/96`, deprecated), NAT64 (`64:ff9b::/96`) and 6to4 (`2002::/16`).
 */
function carriedIpv4(address: IpAddress): IpAddress | null {
  const zeros = (from: number, to: number) => address.slice(from, to).every((b) => b === 0);
  if (zeros(0, 10) && address[10] === 0xff && address[11] === 0xff) return address.slice(12);
  if (zeros(0, 12)) return address.slice(12);
  if (address[0] === 0x00 && address[1] === 0x64 && address[2] === 0xff && address[3] === 0x9b && zeros(4, 12)) return address.slice(12);
  if (address[0] === 0x20 && address[1] === 0x02) return address.slice(2, 6);
  return null;
}

/** What internal range `address` is in ("loopback", "private" …), or null when it is a public address. */
export function internalRange(address: IpAddress): string | null {
  if (address.length === 4) return INTERNAL_IPV4.find((r) => inNetwork(address, r.network))?.name ?? null;
  const v6 = INTERNAL_IPV6.find((r) => inNetwork(address, r.network));
  if (v6) return v6.name;
  const carried = carriedIpv4(address);
  const v4 = carried ? internalRange(carried) : null;
  return v4 === null ? null : `${v4} (an IPv4 address inside IPv6)`;
}

/** Whether a webhook may reach `address` of host `host` under `policy`: public, or allowed by the operator. */
export function addressAllowed(host: string, address: IpAddress, policy: WebhookPolicy): boolean {
  return (
    internalRange(address) === null ||
    policy.allowPrivate ||
    policy.hosts.has(host.toLowerCase().replace(/\.$/, '')) ||
    policy.networks.some((network) => inNetwork(address, network))
  );
}
