/**
 * The address a sign-in is throttled by. An IPv4 address stands for itself; an IPv6 client usually holds a whole
 * /64 (one customer's network) and can rotate through it freely, so an IPv6 address stands for its /64. An
 * IPv4 address written as IPv6 (`::ffff:192.0.2.1`) is the IPv4 address.
 */
import { isIPv4, isIPv6 } from 'node:net';

export function throttleAddress(ip: string): string {
  const address = ip.replace(/%.*$/, ''); // a zone index (`fe80::1%eth0`) names the local interface, not the client
  if (!isIPv6(address)) return address;
  const groups = ipv6Groups(address);
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) {
    const [high = 0, low = 0] = groups.slice(6);
    const v4 = `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
    if (isIPv4(v4)) return v4;
  }
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, `::` expanded and a trailing dotted IPv4 part converted. */
function ipv6Groups(address: string): number[] {
  let text = address;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((h) => parseInt(h, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}
