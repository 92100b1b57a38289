import { e164Phone } from './lead-rules.js';

// libphonenumber-js runs with a patch (patches/README.md) that keeps one compiled expression per
// metadata pattern; these cases check its answers stay right when numbers of different regions and
// validity follow one another.
describe('e164Phone', () => {
  it.each([
    ['(415) 555-2671', 'US', '+14155552671'],
    ['+1 415 555 2671', 'US', '+14155552671'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['+44 20 7946 0958', 'US', '+442079460958'],
    ['030 901820', 'DE', '+4930901820'],
    ['+49 30 901820', 'GB', '+4930901820'],
  ] as const)('writes %s (default region %s) as %s', (raw, region, expected) => {
    expect(e164Phone(raw, region)).toBe(expected);
  });

  it.each([
    ['12345', 'US'],
    ['(415) 555-267', 'US'],
    ['+1 099 555 2671', 'US'],
    ['020 7946 095', 'GB'],
    ['not a phone', 'US'],
    ['', 'US'],
  ] as const)('answers null for %s (default region %s)', (raw, region) => {
    expect(e164Phone(raw, region)).toBeNull();
  });

  it('gives each number its own answer when valid and invalid numbers alternate', () => {
    const numbers = ['(415) 555-2671', '12345', '020 7946 0958', '(415) 555-267'];
    const regions = ['US', 'US', 'GB', 'US'] as const;
    const answers = [...numbers, ...numbers].map((raw, index) =>
      e164Phone(raw, regions[index % 4]),
    );
    expect(answers).toEqual([
      '+14155552671',
      null,
      '+442079460958',
      null,
      '+14155552671',
      null,
      '+442079460958',
      null,
    ]);
  });
});
