import { describe, expect, it } from 'vitest';
import { differences, withoutEmpty } from './harness.js';

/** The comparison of the conformance harness ignores key order and empty collections, nothing else. */
describe('conformance comparison', () => {
  it('ignores key order', () => {
    expect(differences({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 })).toEqual([]);
  });

  it('ignores absent versus empty collections, and the null of an absent command or entrypoint', () => {
    expect(differences({ s: { x: {}, y: [], command: null, entrypoint: null, ipam: { config: [] } } }, { s: {} })).toEqual([]);
    expect(withoutEmpty({ a: { b: { c: [] } }, d: 1 })).toEqual({ d: 1 });
  });

  it('keeps every other difference: types, values, null elsewhere, list order and length', () => {
    expect(differences({ a: '1' }, { a: 1 })).toEqual(['a']);
    expect(differences({ networks: { default: null, front: null } }, { networks: { front: null } })).toEqual(['networks.default']);
    expect(differences({ l: [1, 2] }, { l: [2, 1] })).toEqual(['l[0]', 'l[1]']);
    expect(differences({ l: [1, 2] }, { l: [1] })).toEqual(['l']);
    expect(differences({ a: 'x' }, {})).toEqual(['a']);
    expect(differences({ labels: { 'com.example.a': '1' } }, { labels: { 'com.example.a': '2' } })).toEqual(['labels["com.example.a"]']);
  });

  it('counts one side failing as one difference at the root, both failing as agreement', () => {
    expect(differences({ error: 'compose says no' }, { name: 'p' })).toEqual(['$']);
    expect(differences({ name: 'p' }, { error: 'we say no' })).toEqual(['$']);
    expect(differences({ error: 'compose says no' }, { error: 'in other words' })).toEqual([]);
  });
});
