import { throttleAddress } from './client-address';

describe('throttleAddress: what the login throttle counts', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::FFFF:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['2001:db8:1:2::ffff:1.2.3.4', '2001:db8:1:2::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['unknown', 'unknown'],
  ])('%s → %s', (ip, expected) => {
    expect(throttleAddress(ip)).toBe(expected);
  });

  it('counts every address of one /64 as one, and another /64 apart', () => {
    const guesses = Array.from({ length: 50 }, (_, i) => `2001:db8:1:2::${(i + 1).toString(16)}`);
    expect(new Set(guesses.map(throttleAddress))).toEqual(new Set(['2001:db8:1:2::/64']));
    expect(throttleAddress('2001:db8:1:3::1')).not.toBe(throttleAddress('2001:db8:1:2::1'));
  });
});
