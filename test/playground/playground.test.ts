import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlayground, serveStatic } from '../../playground/build.js';

/**
 * The playground in a real browser: Debian's Chromium (`apt-get install chromium`; .ci/run
 * installs it), driven by playwright-core, on the built page served from 127.0.0.1.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'playground/dist');
const OUTPUT = join(ROOT, 'playground/test-output');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);

/** Waits for the page (a conversion can take seconds on a loaded machine): long, since a wait that passes returns at once. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 50 });

const toBase64Url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

const DEMO = `name: demo
services:
  web:
    image: nginx:1.27
    ports:
      - "8080:80"
    environment:
      GREETING: hello
    deploy:
      replicas: 2
`;

const BROKEN = `services:
  web:
    image: nginx
    bogus: 1
`;

describe.skipIf(!hasChromium)(`playground in Chromium${hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM}; apt-get install chromium, as .ci/run does)`}`, () => {
  let browser: Browser;
  let server: Server;
  let origin: string;
  const measured: Record<string, number | string> = {};

  beforeAll(async () => {
    const files = await buildPlayground();
    for (const f of files) {
      const bytes = readFileSync(join(DIST, f));
      measured[`${f} bytes`] = bytes.length;
      measured[`${f} gzip bytes`] = gzipSync(bytes).length;
    }
    ({ server, url: origin } = await serveStatic(DIST));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    mkdirSync(OUTPUT, { recursive: true });
    writeFileSync(join(OUTPUT, 'measurements.json'), `${JSON.stringify(measured, null, 2)}\n`);
  });

  /** A page at 1280x800 that records every request and every script error. */
  async function open(hash = ''): Promise<{ page: Page; requests: string[]; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${origin}${hash}`);
    return { page, requests, errors };
  }

  /** Nothing left the page's origin, and no script said an error. */
  function expectClean(requests: readonly string[], errors: readonly string[]): void {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
    expect(errors).toEqual([]);
  }

  /** Scrolls an editor until a line matching `text` is rendered (CodeMirror renders the visible lines only). */
  async function reveal(page: Page, testid: string, text: RegExp) {
    const line = page.locator(`[data-testid="${testid}"] .cm-line`).filter({ hasText: text }).first();
    for (let step = 0; step < 60 && (await line.count()) === 0; step++) {
      await page.locator(`[data-testid="${testid}"] .cm-scroller`).evaluate((el) => el.scrollBy(0, 300));
      await page.waitForTimeout(30);
    }
    await line.scrollIntoViewIfNeeded();
    return line;
  }

  async function download(page: Page): Promise<{ name: string; bytes: Buffer }> {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
    const path = await file.path();
    return { name: file.suggestedFilename(), bytes: readFileSync(path) };
  }

  it('opens a shared link and shows its manifests, with no request leaving the origin (time to first manifests measured)', async () => {
    // Measured, not asserted (a loaded machine is slower): five fresh pages, each time from navigation start.
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { page, requests, errors } = await open(`#compose=${toBase64Url(DEMO)}`);
      await poll(() => page.getByTestId('manifests-output').textContent()).toMatch(/kind: Deployment/);
      times.push(Number(await page.evaluate('document.body.dataset.firstManifestsMs')));
      const out = await page.getByTestId('manifests-output').textContent();
      expect(out).toContain('name: web');
      expect(await page.getByTestId('diagnostics').locator('li.error').count()).toBe(0);
      // The page keeps the link: the hash still holds the project.
      expect(new URL(page.url()).hash).toContain(`compose=${toBase64Url(DEMO)}`);
      expectClean(requests, errors);
      await page.close();
    }
    measured['shared link to first manifests, ms from navigation start (5 fresh pages)'] = times.join(', ');
    measured['shared link to first manifests, median ms'] = [...times].sort((a, b) => a - b)[2]!;
  });

  it('converts a 20-service file as the user types (time per conversion measured)', async () => {
    let compose = 'name: big\nservices:\n';
    for (let i = 0; i < 20; i++) {
      compose += `  svc${i}:\n    image: example/app${i}:1.${i}\n    ports: ["${8000 + i}:80"]\n    environment:\n      DB_PASSWORD: secret${i}\n      MODE: prod\n    volumes: ["data${i}:/var/lib/app"]\n`;
      compose += `    depends_on: [svc${(i + 1) % 20}]\n    healthcheck:\n      test: ["CMD", "true"]\n      interval: 10s\n    deploy:\n      resources:\n        limits: { cpus: "0.5", memory: 256M }\n`;
    }
    // No cycle: the last one depends on nothing.
    compose = compose.replace('depends_on: [svc0]', 'restart: always');
    compose += `volumes:\n${Array.from({ length: 20 }, (_, i) => `  data${i}: {}\n`).join('')}`;
    const { page, requests, errors } = await open(`#compose=${toBase64Url(compose)}`);
    await poll(() => page.getByTestId('summary').textContent()).toMatch(/^\d+ objects/);
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const before = Number(await page.evaluate('document.body.dataset.converted'));
      await page.locator('[data-testid="compose-input"] .cm-content').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.insertText(`# edit ${i}\n`);
      await poll(async () => Number(await page.evaluate('document.body.dataset.converted'))).toBeGreaterThan(before);
      runs.push(Number(await page.evaluate('document.body.dataset.workerRunMs')));
    }
    expect(await page.getByTestId('manifests-output').textContent()).toContain('svc0');
    measured['20-service file: conversion in the worker after an edit, ms (5 edits)'] = runs.join(', ');
    measured['20-service file: objects'] = String(await page.getByTestId('summary').textContent());
    expectClean(requests, errors);
    await page.close();
  });

  it('locates a diagnostic of a broken file, marks it in the gutter, and jumps there on a click', async () => {
    const { page, requests, errors } = await open(`#compose=${toBase64Url(DEMO)}`);
    await poll(() => page.getByTestId('manifests-output').textContent()).toMatch(/kind: Deployment/);
    await page.locator('[data-testid="compose-input"] .cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(BROKEN);
    const item = page.getByTestId('diagnostics').locator('li', { hasText: 'schema-unknown-key' });
    await poll(() => item.count()).toBe(1);
    expect(await item.textContent()).toContain('compose.yaml:4:5');
    expect(await item.textContent()).toContain('unknown key "bogus"');
    await poll(() => page.locator('[data-testid="compose-input"] .cm-lint-marker-error').count()).toBeGreaterThan(0);
    // The hash follows the typing.
    await poll(() => new URL(page.url()).hash).toContain(`compose=${toBase64Url(BROKEN)}`);
    // The cursor is elsewhere; the click moves it to the diagnostic's line and column.
    await page.keyboard.press('Control+Home');
    expect(await page.getByTestId('cursor').textContent()).toBe('Ln 1, Col 1');
    await item.click();
    expect(await page.getByTestId('cursor').textContent()).toBe('Ln 4, Col 5');
    expectClean(requests, errors);
    await page.close();
  });

  it('points from a manifest field to its compose lines and back, with the equivalence row beside it', async () => {
    const { page, requests, errors } = await open(`#compose=${toBase64Url(DEMO)}`);
    const replicas = await reveal(page, 'manifests-output', /^\s*replicas: 2$/);
    await replicas.click();
    const origin = page.locator('[data-testid="compose-input"] .cm-origin-line');
    await poll(() => origin.allTextContents()).toEqual(['      replicas: 2']);
    const info = page.getByTestId('field-info');
    expect(await info.isVisible()).toBe(true);
    expect(await info.textContent()).toMatch(/deploy\.replicas <- compose\.yaml:10:\d+exact/);
    expect(await info.locator('a').getAttribute('href')).toMatch(/^https:\/\/kubernetes\.io\//);
    // The reverse: a compose line lights up the fields it became.
    await page.locator('[data-testid="compose-input"] .cm-line', { hasText: 'GREETING: hello' }).click();
    await poll(() => page.locator('[data-testid="manifests-output"] .cm-target-field').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/GREETING/)]));
    expectClean(requests, errors);
    await page.close();
  });

  it('changes the comments with the annotation level, and downloads what is shown', async () => {
    const { page, requests, errors } = await open(`#compose=${toBase64Url(DEMO)}`);
    await poll(() => page.getByTestId('manifests-output').textContent()).toMatch(/kind: Deployment/);
    const full = (await download(page)).bytes.toString('utf8');
    expect(full).toMatch(/^# Deployment web: from service "web" at compose\.yaml:3:3$/m);
    expect(full).toContain('docs: https://kubernetes.io/');
    await page.getByTestId('annotate').selectOption('brief');
    await poll(() => new URL(page.url()).hash).toContain('annotate=brief');
    const brief = (await download(page)).bytes.toString('utf8');
    expect(brief).toMatch(/^# Deployment web <- service "web", compose\.yaml:3$/m);
    expect(brief).not.toContain('docs:');
    await page.getByTestId('annotate').selectOption('none');
    const none = await download(page);
    expect(none.name).toBe('manifests.yaml');
    expect(none.bytes.toString('utf8')).not.toMatch(/^\s*#/m);
    // The objects are the same at every level: only comments change.
    const strip = (t: string) => t.replace(/^\s*#.*\n/gm, '');
    expect(strip(full)).toBe(none.bytes.toString('utf8'));
    expect(strip(brief)).toBe(none.bytes.toString('utf8'));
    // A directory layout comes as a zip of its files.
    await page.getByTestId('layout').selectOption('kustomize');
    await poll(() => page.getByTestId('output-file').locator('option').allTextContents()).toContain('kustomization.yaml');
    const archive = await download(page);
    expect(archive.name).toBe('demo-kustomize.zip');
    expect(archive.bytes.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    expect(archive.bytes.toString('latin1')).toContain('demo/kustomization.yaml');
    // The controls travel in the link: reopening it restores them.
    const link = page.url();
    const again = await browser.newPage();
    await again.goto(link);
    expect(await again.getByTestId('layout').inputValue()).toBe('kustomize');
    expect(await again.getByTestId('annotate').inputValue()).toBe('none');
    await again.close();
    expectClean(requests, errors);
    await page.close();
  });

  it('reads .env for interpolation from the files pane', async () => {
    const compose = 'services:\n  web:\n    image: nginx:${TAG}\n';
    const files = toBase64Url(JSON.stringify({ '.env': 'TAG=1.27\n' }));
    const { page, requests, errors } = await open(`#compose=${toBase64Url(compose)}&files=${files}`);
    await poll(() => page.getByTestId('manifests-output').textContent()).toMatch(/image: nginx:1\.27/);
    expect(await page.getByTestId('extra-files').locator('input').first().inputValue()).toBe('.env');
    expectClean(requests, errors);
    await page.close();
  });

  it('renders a non-blank page at 1280x800 (screenshot under playground/test-output/)', async () => {
    const { page, requests, errors } = await open();
    await poll(() => page.getByTestId('manifests-output').textContent()).toMatch(/kind: ServiceAccount/);
    // Pointing shown: a published port, its Service port and the equivalence row beside it.
    await page.locator('[data-testid="compose-input"] .cm-line', { hasText: '"8000:8000"' }).click();
    await poll(() => page.locator('[data-testid="manifests-output"] .cm-target-field').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('field-info').isVisible()).toBe(true);
    const png = await page.screenshot({ type: 'png' });
    mkdirSync(OUTPUT, { recursive: true });
    writeFileSync(join(OUTPUT, 'playground.png'), png);
    if (process.env.PLAYGROUND_DOCS_SCREENSHOT) writeFileSync(join(ROOT, 'docs/guide/playground.png'), png);
    // Decoded by the browser itself, on a blank page: how many colours, and how much is not background.
    const blank = await browser.newPage();
    // (Browser code, as text: the test's own types are Node's, not the DOM's.)
    const stats = (await blank.evaluate(`(async () => {
      const img = new Image();
      img.src = 'data:image/png;base64,${png.toString('base64')}';
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const pixels = ctx.getImageData(0, 0, img.width, img.height).data;
      const counts = new Map();
      for (let i = 0; i < pixels.length; i += 4) {
        const c = (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
        counts.set(c, (counts.get(c) ?? 0) + 1);
      }
      const top = Math.max(...counts.values());
      return { width: img.width, height: img.height, colours: counts.size, dominant: top / (pixels.length / 4) };
    })()`)) as { width: number; height: number; colours: number; dominant: number };
    await blank.close();
    expect([stats.width, stats.height]).toEqual([1280, 800]);
    expect(stats.colours).toBeGreaterThan(200);
    expect(stats.dominant).toBeLessThan(0.9);
    measured['screenshot colours'] = stats.colours;
    measured['screenshot png bytes'] = statSync(join(OUTPUT, 'playground.png')).size;
    expectClean(requests, errors);
    await page.close();
  });
});
