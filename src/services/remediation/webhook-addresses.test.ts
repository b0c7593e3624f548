import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/index.js';
import { addressAllowed, internalRange, parseIpAddress, parseNetwork, PUBLIC_ONLY, webhookPolicyFrom, type IpAddress } from './webhook-addresses.js';

const RUNS = Number(process.env['ASSAY_PROPERTY_RUNS'] ?? 200);
const byte = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(byte, byte, byte, byte);

/** Every way a URL or a resolver may write the IPv4 address `a.b.c.d`. */
function writings([a, b, c, d]: readonly number[]): string[] {
  const value = ((a as number) * 2 ** 24 + (b as number) * 2 ** 16 + (c as number) * 2 ** 8 + (d as number)) >>> 0;
  const hex = (n: number) => n.toString(16);
  return [
    `${a}.${b}.${c}.${d}`,
    String(value),
    `0x${hex(value)}`,
    `0X${hex(value).toUpperCase()}`,
    [a, b, c, d].map((n) => `0${(n as number).toString(8)}`).join('.'),
    [a, b, c, d].map((n) => `0x${hex(n as number)}`).join('.'),
    `${a}.${(b as number) * 65536 + (c as number) * 256 + (d as number)}`,
    `${a}.${b}.${(c as number) * 256 + (d as number)}`,
    `${a}.${b}.${c}.${d}.`,
  ];
}

/** The IPv4-mapped IPv6 forms of `a.b.c.d`. */
function mappedWritings([a, b, c, d]: readonly number[]): string[] {
  const word = (x: number, y: number) => ((x << 8) | y).toString(16);
  return [`::ffff:${a}.${b}.${c}.${d}`, `[::ffff:${a}.${b}.${c}.${d}]`, `::ffff:${word(a as number, b as number)}:${word(c as number, d as number)}`, `0:0:0:0:0:ffff:${a}.${b}.${c}.${d}`];
}

const range = (text: string) => internalRange(parseIpAddress(text) as IpAddress);

describe('IP addresses as URLs and resolvers write them', () => {
  prop.prop([ipv4], { numRuns: RUNS })('reads every IPv4 form as the same address', (bytes) => {
    for (const text of writings(bytes)) expect(parseIpAddress(text), text).toEqual(bytes);
  });

  prop.prop([ipv4], { numRuns: RUNS })('puts an IPv4 address and its IPv4-mapped IPv6 forms in the same range', (bytes) => {
    const v4 = internalRange(bytes);
    for (const text of mappedWritings(bytes)) {
      const mapped = range(text);
      expect(mapped === null, text).toBe(v4 === null);
      if (v4 !== null) expect(mapped, text).toContain(v4);
    }
  });

  it('reads IPv6 compressed, bracketed, zoned, and with an IPv4 tail', () => {
    expect(parseIpAddress('::1')).toEqual([...Array<number>(15).fill(0), 1]);
    expect(parseIpAddress('[::1]')).toEqual(parseIpAddress('0:0:0:0:0:0:0:1'));
    expect(parseIpAddress('fe80::1%eth0')).toEqual(parseIpAddress('fe80:0:0:0:0:0:0:1'));
    expect(parseIpAddress('::ffff:7f00:1')).toEqual(parseIpAddress('::ffff:127.0.0.1'));
  });

  it('takes host names and malformed text for host names, not addresses', () => {
    for (const text of ['hooks.example.com', 'localhost', '1.2.3.4.5', '256.1.1.1', '4294967296', '0x1g', '08.1.1.1', '1::2::3', '::ffff:1.2.3', '12345::', '1:2:3:4:5:6:7:8:9']) {
      expect(parseIpAddress(text), text).toBeNull();
    }
  });
});

describe('internal ranges a webhook may not reach by default', () => {
  it('names loopback, private, link-local, carrier-grade NAT, unique-local, unspecified, multicast and reserved addresses', () => {
    expect(
      Object.fromEntries(
        [
          '127.0.0.1', '127.255.255.254', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1',
          '100.127.255.255', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::', '::1', 'fe80::1', 'febf::1', 'fc00::1', 'fd12:3456::1', 'ff02::1',
          '::ffff:169.254.169.254', '::127.0.0.1', '64:ff9b::a00:1', '2002:a00:1::',
        ].map((text) => [text, range(text)]),
      ),
    ).toEqual({
      '127.0.0.1': 'loopback',
      '127.255.255.254': 'loopback',
      '10.1.2.3': 'private',
      '172.16.0.1': 'private',
      '172.31.255.255': 'private',
      '192.168.1.1': 'private',
      '169.254.169.254': 'link-local',
      '100.64.0.1': 'carrier-grade NAT',
      '100.127.255.255': 'carrier-grade NAT',
      '0.0.0.0': 'unspecified ("this network")',
      '224.0.0.1': 'multicast',
      '255.255.255.255': 'reserved (or broadcast)',
      '::': 'unspecified',
      '::1': 'loopback',
      'fe80::1': 'link-local',
      'febf::1': 'link-local',
      'fc00::1': 'unique-local',
      'fd12:3456::1': 'unique-local',
      'ff02::1': 'multicast',
      '::ffff:169.254.169.254': 'link-local (an IPv4 address inside IPv6)',
      '::127.0.0.1': 'loopback (an IPv4 address inside IPv6)',
      '64:ff9b::a00:1': 'private (an IPv4 address inside IPv6)',
      '2002:a00:1::': 'private (an IPv4 address inside IPv6)',
    });
  });

  it('finds public addresses at the edges of those ranges public', () => {
    for (const text of ['1.1.1.1', '8.8.8.8', '93.184.216.34', '172.15.255.255', '172.32.0.0', '100.63.255.255', '100.128.0.0', '169.253.255.255', '11.0.0.0', '2606:4700::1111', '::ffff:8.8.8.8', '2001:db8::1']) {
      expect(range(text), text).toBeNull();
    }
  });
});

describe('the operator’s allowances', () => {
  it('reads ASSAY_WEBHOOK_ALLOW_PRIVATE and the allow-list of hosts and networks', () => {
    expect(webhookPolicyFrom({})).toEqual(PUBLIC_ONLY);
    expect(webhookPolicyFrom({ ASSAY_WEBHOOK_ALLOW_PRIVATE: '1' }).allowPrivate).toBe(true);
    const policy = webhookPolicyFrom({ ASSAY_WEBHOOK_ALLOW: ' Hooks.Internal. , 10.0.0.0/8,fd00::/8 ,192.168.1.7' });
    expect([...policy.hosts]).toEqual(['hooks.internal']);
    expect(policy.networks).toEqual([parseNetwork('10.0.0.0/8'), parseNetwork('fd00::/8'), parseNetwork('192.168.1.7/32')]);

    const address = (text: string) => parseIpAddress(text) as IpAddress;
    expect(addressAllowed('hooks.internal', address('127.0.0.1'), policy)).toBe(true);
    expect(addressAllowed('other.internal', address('10.200.0.1'), policy)).toBe(true);
    expect(addressAllowed('other.internal', address('::ffff:10.200.0.1'), policy)).toBe(true);
    expect(addressAllowed('other.internal', address('fd00::5'), policy)).toBe(true);
    expect(addressAllowed('other.internal', address('192.168.1.7'), policy)).toBe(true);
    expect(addressAllowed('other.internal', address('192.168.1.8'), policy)).toBe(false);
    expect(addressAllowed('other.internal', address('127.0.0.1'), policy)).toBe(false);
    expect(addressAllowed('other.internal', address('169.254.169.254'), PUBLIC_ONLY)).toBe(false);
    expect(addressAllowed('public.example', address('93.184.216.34'), PUBLIC_ONLY)).toBe(true);
  });

  it('refuses a malformed setting, naming it', () => {
    for (const [env, location] of [
      [{ ASSAY_WEBHOOK_ALLOW: '10.0.0.0/33' }, 'ASSAY_WEBHOOK_ALLOW'],
      [{ ASSAY_WEBHOOK_ALLOW: 'http://hooks.internal/' }, 'ASSAY_WEBHOOK_ALLOW'],
      [{ ASSAY_WEBHOOK_ALLOW: '10.0.0.300' }, 'ASSAY_WEBHOOK_ALLOW'],
      [{ ASSAY_WEBHOOK_ALLOW_PRIVATE: 'yes' }, 'ASSAY_WEBHOOK_ALLOW_PRIVATE'],
    ] as const) {
      expect(() => webhookPolicyFrom(env)).toThrow(ValidationError);
      try {
        webhookPolicyFrom(env);
      } catch (error) {
        expect((error as ValidationError).issues[0]?.location).toBe(location);
      }
    }
  });
});
