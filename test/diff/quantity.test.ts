import { describe, expect, it } from 'vitest';
import { quantityValue, sameQuantity } from '../../src/diff/quantity.js';

describe('quantities', () => {
  it.each([
    ['1000m', '1'],
    ['1', 1],
    ['0.5', '500m'],
    ['1Gi', 1073741824],
    ['1Gi', '1024Mi'],
    ['1e3', '1k'],
    ['1E3', 1000],
    ['128974848', '123Mi'],
    ['1.5Gi', '1536Mi'],
    ['100n', '0.0000001'],
  ])('%j is %j', (a, b) => {
    expect(sameQuantity(a, b)).toBe(true);
    expect(sameQuantity(b, a)).toBe(true);
  });

  it.each([
    ['1G', '1Gi'],
    ['1m', '1'],
    ['1E', '1Ei'],
    ['100Mi', '100M'],
  ])('%j is not %j', (a, b) => {
    expect(sameQuantity(a, b)).toBe(false);
  });

  it('requests and limits are rounded up to thousandths, as the API server stores them', () => {
    expect(sameQuantity('0.0001', '1m')).toBe(false);
    expect(sameQuantity('0.0001', '1m', true)).toBe(true);
    expect(sameQuantity('1500u', '2m', true)).toBe(true);
  });

  it('is not a quantity', () => {
    for (const v of ['', 'lots', '1Gb', '--1', null, true, '1.2.3']) expect(quantityValue(v)).toBeUndefined();
  });
});
