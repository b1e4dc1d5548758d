import { crc32 as nodeCrc32, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, zip } from '../../playground/src/zip.js';

/** Reads a store-only archive back by its central directory, as an unzip tool does. */
function entries(bytes: Uint8Array): { path: string; content: string; crc: number }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const out = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const path = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    expect(view.getUint32(local, true)).toBe(0x04034b50);
    const dataAt = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(dataAt, dataAt + size);
    out.push({ path, content: new TextDecoder().decode(method === 8 ? inflateRawSync(data) : data), crc });
    at += 46 + nameLength;
  }
  return out;
}

describe('the playground zip writer', () => {
  it('computes the CRC-32 zlib computes', () => {
    for (const text of ['', 'a', 'apiVersion: v1\nkind: Service\n', 'ünïcödé ✓'.repeat(100)]) {
      const bytes = new TextEncoder().encode(text);
      expect(crc32(bytes)).toBe(nodeCrc32(bytes));
    }
  });

  it('stores every file, in order, with UTF-8 names, readable back', () => {
    const files = [
      { path: 'demo/kustomization.yaml', content: 'resources:\n  - 01-web-service.yaml\n' },
      { path: 'demo/01-web-service.yaml', content: 'kind: Service\n' },
      { path: 'demo/empty.txt', content: '' },
      { path: 'demo/ünï.yaml', content: 'name: ✓\n' },
    ];
    const back = entries(zip(files));
    expect(back.map(({ path, content }) => ({ path, content }))).toEqual(files);
    for (const e of back) expect(e.crc).toBe(nodeCrc32(new TextEncoder().encode(e.content)));
  });
});
