import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { throttleAddress } from './client-address.js';

const RUNS = Number(process.env['ASSAY_PROPERTY_RUNS'] ?? 200);
const arbGroups = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 });
const full = (groups: number[]) => groups.map((g) => g.toString(16)).join(':');
/** The canonical, compressed text of an address, as a URL host writes it. */
const compressed = (groups: number[]) => new URL(`http://[${full(groups)}]/`).hostname.slice(1, -1);

describe('throttleAddress', () => {
  it('keeps an IPv4 address, and reads one written as IPv6', () => {
    expect(throttleAddress('192.0.2.1')).toBe('192.0.2.1');
    expect(throttleAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(throttleAddress('::ffff:c000:201')).toBe('192.0.2.1');
  });

  it('keys an IPv6 address by its /64', () => {
    expect(throttleAddress('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(throttleAddress('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(throttleAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(throttleAddress('::1')).toBe('0:0:0:0::/64');
    expect(throttleAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  prop.prop([arbGroups, arbGroups], { numRuns: RUNS })('two addresses share a key exactly when they share the first 64 bits', (a, b) => {
    fc.pre(!(a.slice(0, 5).every((g) => g === 0) && a[5] === 0xffff));
    expect(throttleAddress(compressed(a))).toBe(throttleAddress(full(a)));
    const sameNetwork = [...a.slice(0, 4), ...b.slice(4)];
    expect(throttleAddress(compressed(sameNetwork))).toBe(throttleAddress(full(a)));
    if (full(a.slice(0, 4)) !== full(b.slice(0, 4)) && !(b.slice(0, 5).every((g) => g === 0) && b[5] === 0xffff)) {
      expect(throttleAddress(compressed(b))).not.toBe(throttleAddress(compressed(a)));
    }
  });
});
