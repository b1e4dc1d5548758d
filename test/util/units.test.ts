import { describe, expect, it } from 'vitest';
import { byteSize, bytesToQuantity, cpuMillis, cpuNeedsRounding, cpuQuantity, durationSeconds, wholeSeconds } from '../../src/util/units.js';

describe('durationSeconds reads durations as Go (and so Compose) does', () => {
  it.each([
    ['30s', 30],
    ['1m30s', 90],
    ['500ms', 0.5],
    ['1.5h', 5400],
    ['2h45m', 9900],
    ['1m0.5s', 60.5],
    ['.5s', 0.5],
    ['1.s', 1],
    ['100us', 0.0001],
    ['100µs', 0.0001],
    ['100μs', 0.0001],
    ['20ns', 2e-8],
    ['0', 0],
    ['+5s', 5],
    ['-5s', -5],
    [' 10s ', 10],
  ])('%s is %s seconds', (text, seconds) => {
    expect(durationSeconds(text)).toBeCloseTo(seconds, 12);
  });

  it.each([['30'], ['1d'], ['s'], ['1 s'], ['1m30'], ['abc'], [''], ['1.2.3s'], ['-']])('%j is not a duration', (text) => {
    expect(durationSeconds(text)).toBeUndefined();
  });

  it('takes numbers as their text, so only 0 is a duration without a unit', () => {
    expect(durationSeconds(0)).toBe(0);
    expect(durationSeconds(30)).toBeUndefined();
    expect(durationSeconds(undefined)).toBeUndefined();
  });
});

describe('wholeSeconds rounds up to at least one second', () => {
  it.each([
    [0.5, 1],
    [0.001, 1],
    [0, 1],
    [1, 1],
    [1.2, 2],
    [30, 30],
    [90.000000000001, 90],
  ])('%s -> %s', (seconds, whole) => {
    expect(wholeSeconds(seconds)).toBe(whole);
  });
});

describe('byteSize reads sizes as Docker does (binary multiples)', () => {
  it.each([
    ['512m', 512 * 1024 ** 2],
    ['512M', 512 * 1024 ** 2],
    ['512mb', 512 * 1024 ** 2],
    ['512MiB', 512 * 1024 ** 2],
    ['1g', 1024 ** 3],
    ['1.5g', 1.5 * 1024 ** 3],
    ['2gi', 2 * 1024 ** 3],
    ['100k', 102400],
    ['1t', 1024 ** 4],
    ['1p', 1024 ** 5],
    ['2048', 2048],
    ['2048b', 2048],
    ['64 m', 64 * 1024 ** 2],
    ['1.1k', 1126],
  ])('%s is %s bytes', (text, bytes) => {
    expect(byteSize(text)).toBe(bytes);
  });

  it.each([['1x'], ['m'], ['-1g'], ['1  m'], ['1e3'], ['']])('%j is not a size', (text) => {
    expect(byteSize(text)).toBeUndefined();
  });

  it('takes a YAML number as bytes', () => {
    expect(byteSize(1073741824)).toBe(1073741824);
    expect(byteSize(-1)).toBeUndefined();
    expect(byteSize(undefined)).toBeUndefined();
  });
});

describe('bytesToQuantity writes the largest binary unit that keeps the value whole', () => {
  it.each([
    [512 * 1024 ** 2, '512Mi'],
    [1.5 * 1024 ** 3, '1536Mi'],
    [1024 ** 3, '1Gi'],
    [2048, '2Ki'],
    [1000, '1000'],
    [1126, '1126'],
    [1024 ** 6, '1Ei'],
    [0, '0'],
  ])('%s -> %s', (bytes, quantity) => {
    expect(bytesToQuantity(bytes)).toBe(quantity);
  });
});

describe('CPU quantities', () => {
  it.each([
    [0.5, '500m', false],
    [2, '2', false],
    [1.25, '1250m', false],
    [0.001, '1m', false],
    [0.0004, '1m', true],
    [0.0015, '2m', true],
    [1.0001, '1', true],
  ])('%s CPUs -> %s (rounded: %s)', (cpus, quantity, rounded) => {
    expect(cpuQuantity(cpus)).toBe(quantity);
    expect(cpuNeedsRounding(cpus)).toBe(rounded);
  });

  it('never rounds a positive amount down to nothing', () => {
    expect(cpuMillis(0.0001)).toBe(1);
    expect(cpuMillis(0)).toBe(0);
  });
});
