/** The playground page: editors, controls, pointing between compose lines and manifest fields. */
import { EditorState, RangeSetBuilder, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection, type DecorationSet } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, foldGutter, indentOnInput, syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic as EditorDiagnostic } from '@codemirror/lint';
import { yaml } from '@codemirror/lang-yaml';
import { EXAMPLES } from 'playground:examples';
import type { Diagnostic } from '../../src/index.js';
import { COMPOSE_FILE, blockLines, spanAt, spansFromCompose, type PointedField } from './points.js';
import { decodeHash, encodeHash } from './share.js';
import { DEFAULT_STATE, type Conversion, type PlaygroundState } from './state.js';
import { zip } from './zip.js';
import type { Boot } from './boot.js';

// The converter, started by boot.ts (or here, if that did not run).
const boot: Boot = (globalThis as { compose2kubeBoot?: Boot }).compose2kubeBoot ?? { worker: new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }), early: [] };
const { worker } = boot;
document.body.dataset.scriptStartMs = performance.now().toFixed(0);
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

// ---- highlights: whole lines in the compose editor, field ranges in the manifests
const setHighlights = StateEffect.define<{ from: number; to: number }[]>();

function highlighter(kind: 'line' | 'mark', className: string): Extension {
  const line = Decoration.line({ class: className });
  const mark = Decoration.mark({ class: className });
  return StateField.define<DecorationSet>({
    create: () => Decoration.none,
    update(set, tr) {
      for (const e of tr.effects) {
        if (!e.is(setHighlights)) continue;
        const builder = new RangeSetBuilder<Decoration>();
        const ranges = [...e.value].sort((a, b) => a.from - b.from);
        if (kind === 'line') {
          const lines = new Set<number>();
          for (const r of ranges) for (let l = tr.state.doc.lineAt(r.from).number; l <= tr.state.doc.lineAt(r.to).number; l++) lines.add(l);
          for (const l of [...lines].sort((a, b) => a - b)) builder.add(tr.state.doc.line(l).from, tr.state.doc.line(l).from, line);
        } else {
          let end = -1;
          for (const r of ranges) if (r.from >= end && r.to > r.from) builder.add(r.from, (end = r.to), mark);
        }
        return builder.finish();
      }
      return tr.docChanged ? set.map(tr.changes) : set;
    },
    provide: (f) => EditorView.decorations.from(f),
  });
}

const common: Extension[] = [lineNumbers(), foldGutter(), drawSelection(), highlightActiveLineGutter(), syntaxHighlighting(defaultHighlightStyle, { fallback: true }), bracketMatching(), yaml()];

// ---- state
let state: PlaygroundState = { ...DEFAULT_STATE };
let conversion: Conversion | undefined;
let shownFile = 0;
let firstShown = false;

const composeView = new EditorView({
  parent: $('compose'),
  state: EditorState.create({
    doc: '',
    extensions: [
      ...common,
      history(),
      indentOnInput(),
      highlightActiveLine(),
      EditorView.lineWrapping,
      lintGutter(),
      keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
      highlighter('line', 'cm-origin-line'),
      EditorView.updateListener.of((u) => {
        if (u.docChanged && !applying) {
          state.compose = u.state.doc.toString();
          schedule();
        }
        if (u.selectionSet || u.docChanged) showCursor();
      }),
      EditorView.domEventHandlers({
        mousemove: (e, view) => hover(e, view, 'compose'),
        click: (e, view) => point(view.posAtCoords({ x: e.clientX, y: e.clientY }), 'compose'),
      }),
    ],
  }),
});

const manifestsView = new EditorView({
  parent: $('manifests'),
  state: EditorState.create({
    doc: '',
    extensions: [
      ...common,
      EditorState.readOnly.of(true),
      EditorView.lineWrapping,
      highlighter('mark', 'cm-target-field'),
      EditorView.domEventHandlers({
        mousemove: (e, view) => hover(e, view, 'manifests'),
        click: (e, view) => point(view.posAtCoords({ x: e.clientX, y: e.clientY }), 'manifests'),
      }),
    ],
  }),
});

let applying = false;

function showCursor(): void {
  const head = composeView.state.selection.main.head;
  const line = composeView.state.doc.lineAt(head);
  $('cursor').textContent = `Ln ${line.number}, Col ${head - line.from + 1}`;
}

// ---- converting, debounced while typing
let timer: ReturnType<typeof setTimeout> | undefined;
function schedule(): void {
  clearTimeout(timer);
  timer = setTimeout(update, 150);
}

let asked = 0;
let askedAt = 0;
function update(): void {
  clearTimeout(timer);
  askedAt = performance.now();
  // The conversion boot.ts asked for is this very state: wait for its answer.
  if (boot.first && asked === 0 && JSON.stringify(boot.first.state) === JSON.stringify(state)) {
    asked = boot.first.id;
    askedAt = 0;
    return;
  }
  // The state is copied: the worker's answer is for exactly what was asked.
  asked = Math.max(asked, boot.first?.id ?? 0) + 1;
  worker.postMessage({ id: asked, state: { ...state, files: { ...state.files } } });
  window.history.replaceState(null, '', encodeHash(state));
}

type Answer = { id: number; conversion: Conversion; timing: { readyAt: number; runMs: number } } | { id: number; failure: string };
worker.onmessage = (e: MessageEvent<Answer>) => {
  // An answer to an older request than the last one is already out of date.
  if (e.data.id !== asked) return;
  if ('failure' in e.data) {
    $('summary').textContent = `compose2kube failed on this input (a bug; please report it): ${e.data.failure}`;
    return;
  }
  conversion = e.data.conversion;
  if (shownFile >= conversion.files.length) shownFile = 0;
  renderOutput();
  renderDiagnostics(conversion.diagnostics, conversion.layoutError);
  document.body.dataset.convertMs = (performance.now() - askedAt).toFixed(1);
  document.body.dataset.converted = String(e.data.id);
  document.body.dataset.workerReadyMs = e.data.timing.readyAt.toFixed(0);
  document.body.dataset.workerRunMs = e.data.timing.runMs.toFixed(0);
  if (!firstShown && conversion.files.length > 0) {
    firstShown = true;
    document.body.dataset.firstManifestsMs = performance.now().toFixed(0);
  }
};
for (const e of boot.early.splice(0)) worker.onmessage(e);
worker.onerror = (e) => {
  $('summary').textContent = `the converter stopped: ${e.message}`;
};

function renderOutput(): void {
  const c = conversion!;
  const select = $<HTMLSelectElement>('outputFile');
  select.replaceChildren(...c.files.map((f, i) => new Option(f.path, String(i), false, i === shownFile)));
  select.hidden = c.files.length < 2;
  const text = c.files[shownFile]?.content ?? (c.failed ? '# nothing converted: fix the errors below\n' : c.layoutError ? `# ${c.layoutError}\n` : '');
  manifestsView.dispatch({ changes: { from: 0, to: manifestsView.state.doc.length, insert: text }, effects: setHighlights.of([]) });
  composeView.dispatch({ effects: setHighlights.of([]) });
  $('fieldInfo').hidden = true;
  $('summary').textContent = c.failed ? 'errors' : `${c.objects} objects, ${c.files.length} file${c.files.length === 1 ? '' : 's'}`;
}

// ---- diagnostics: the list, and the gutter and underlines of the compose editor
function offsetOf(text: string, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return text.length;
    at = nl + 1;
  }
  const end = text.indexOf('\n', at);
  return Math.min(at + Math.max(column - 1, 0), end < 0 ? text.length : end);
}

function renderDiagnostics(diagnostics: readonly Diagnostic[], layoutError?: string): void {
  const list = $('diagnostics');
  const items = diagnostics.map((d) => {
    const li = document.createElement('li');
    li.className = d.severity;
    const where = d.file ? `${d.file}${d.line ? `:${d.line}:${d.column ?? 1}` : ''}` : '';
    li.innerHTML = '<span class="sev"></span><span class="where"></span><span class="text"><span class="msg"></span> <span class="code"></span><span class="hint"></span></span>';
    li.querySelector('.sev')!.textContent = d.severity;
    li.querySelector('.where')!.textContent = where;
    li.querySelector('.msg')!.textContent = d.message;
    li.querySelector('.code')!.textContent = `[${d.code}]`;
    li.querySelector('.hint')!.textContent = d.hint ? `instead: ${d.hint}` : '';
    if (d.file && d.line) {
      li.dataset.file = d.file;
      li.dataset.line = String(d.line);
      li.dataset.column = String(d.column ?? 1);
      li.addEventListener('click', () => jumpTo(d.file!, d.line!, d.column ?? 1));
    }
    return li;
  });
  if (layoutError) {
    const li = document.createElement('li');
    li.className = 'error';
    li.textContent = `layout: ${layoutError}`;
    items.unshift(li);
  }
  if (items.length === 0) {
    const li = document.createElement('li');
    li.className = 'none';
    li.textContent = 'No diagnostics: every key converted without a caveat.';
    items.push(li);
  }
  list.replaceChildren(...items);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  $('diagCount').textContent = `${errors} error(s), ${diagnostics.filter((d) => d.severity === 'warning').length} warning(s), ${diagnostics.filter((d) => d.severity === 'info').length} note(s)`;
  const text = composeView.state.doc.toString();
  const marks: EditorDiagnostic[] = diagnostics
    .filter((d) => d.file === COMPOSE_FILE && d.line)
    .map((d) => {
      const from = offsetOf(text, d.line!, d.column ?? 1);
      const word = /^[^\s,\]}]+/.exec(text.slice(from))?.[0].length ?? 0;
      return { from, to: from + Math.max(word, 0), severity: d.severity, message: `${d.message} [${d.code}]${d.hint ? `\ninstead: ${d.hint}` : ''}` };
    });
  composeView.dispatch(setDiagnostics(composeView.state, marks));
}

function jumpTo(file: string, line: number, column: number): void {
  if (file === COMPOSE_FILE) {
    const pos = offsetOf(composeView.state.doc.toString(), line, column);
    composeView.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
    composeView.focus();
    return;
  }
  const area = [...document.querySelectorAll<HTMLTextAreaElement>('#files textarea')].find((t) => t.dataset.path === file);
  if (area) {
    const pos = offsetOf(area.value, line, column);
    area.focus();
    area.setSelectionRange(pos, pos);
  }
}

// ---- pointing
let hoverFrame = 0;
function hover(e: MouseEvent, view: EditorView, side: 'compose' | 'manifests'): void {
  cancelAnimationFrame(hoverFrame);
  hoverFrame = requestAnimationFrame(() => point(view.posAtCoords({ x: e.clientX, y: e.clientY }), side, false));
}

let pointed = '';
function point(pos: number | null, side: 'compose' | 'manifests', scroll = true): void {
  if (pos === null || !conversion) return;
  if (side === 'manifests') {
    const span = spanAt(conversion.spans, shownFile, pos);
    const id = span ? `m${span.file}:${span.from}` : '';
    if (id === pointed && !scroll) return;
    pointed = id;
    showField(span, scroll);
    return;
  }
  const text = composeView.state.doc.toString();
  const line = composeView.state.doc.lineAt(pos).number;
  const spans = spansFromCompose(conversion.spans, text, line);
  const id = `c${line}`;
  if (id === pointed && !scroll) return;
  pointed = id;
  // A field's own note says more than the object it is in: fields first.
  spans.sort((a, b) => Number(a.whole) - Number(b.whole));
  let here = spans.filter((s) => s.file === shownFile);
  if (here.length === 0 && spans.length > 0 && scroll) {
    // The field is in another file of the layout: show that file.
    shownFile = spans[0]!.file;
    renderOutput();
    here = spans.filter((s) => s.file === shownFile);
  }
  const marks = setHighlights.of(here.map((s) => ({ from: s.from, to: s.to })));
  manifestsView.dispatch(scroll && here[0] ? { effects: [marks, EditorView.scrollIntoView(here[0].from, { y: 'center' })], selection: { anchor: here[0].from } } : { effects: marks });
  const lines = spans.length > 0 ? composeBlocks(text, spans) : [];
  composeView.dispatch({ effects: setHighlights.of(lines) });
  // Placed once the editor has scrolled to the field.
  if (here[0]) requestAnimationFrame(() => showInfo(here[0]!));
  else $('fieldInfo').hidden = true;
}

/** The compose lines the places of these fields cover, as offset ranges. */
function composeBlocks(text: string, spans: readonly PointedField[]): { from: number; to: number }[] {
  const doc = composeView.state.doc;
  return spans.flatMap((s) =>
    s.places
      .filter((p) => p.file === COMPOSE_FILE && p.line >= 1 && p.line <= doc.lines)
      .map((p) => {
        const b = blockLines(text, p.line, p.column);
        return { from: doc.line(b.first).from, to: doc.line(Math.min(b.last, doc.lines)).from };
      }),
  );
}

function showField(span: PointedField | undefined, scroll: boolean): void {
  manifestsView.dispatch({ effects: setHighlights.of(span ? [{ from: span.from, to: span.to }] : []) });
  const text = composeView.state.doc.toString();
  const blocks = span ? composeBlocks(text, [span]) : [];
  composeView.dispatch({ effects: setHighlights.of(blocks), ...(scroll && blocks[0] ? { effects: [setHighlights.of(blocks), EditorView.scrollIntoView(blocks[0].from, { y: 'center' })] } : {}) });
  if (span) showInfo(span);
  else $('fieldInfo').hidden = true;
}

/** The equivalence rows of a field, beside it. */
function showInfo(span: PointedField): void {
  const info = $('fieldInfo');
  const { title, rows } = span.info;
  const box = document.createElement('div');
  const h = document.createElement('div');
  h.className = 'title';
  h.textContent = title;
  box.append(h);
  for (const r of rows) {
    const p = document.createElement('p');
    const key = document.createElement('span');
    key.className = 'key';
    key.textContent = r.key;
    p.append(key, ` <- ${r.at}`);
    if (r.fidelity) {
      const f = document.createElement('span');
      f.className = `fidelity ${r.fidelity}`;
      f.textContent = r.fidelity;
      p.append(f);
    }
    box.append(p);
    const lines = [r.explanation, r.detail, r.reason && `differs: ${r.reason}`, r.instead && `instead: ${r.instead}`].filter((x): x is string => Boolean(x));
    for (const l of lines) {
      const q = document.createElement('p');
      q.textContent = l;
      box.append(q);
    }
    if (r.docs) {
      const q = document.createElement('p');
      const a = document.createElement('a');
      a.href = r.docs;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      a.textContent = r.docs;
      q.append('docs: ', a);
      box.append(q);
    }
  }
  info.replaceChildren(box);
  info.hidden = false;
  const pane = $('outputPane').getBoundingClientRect();
  const at = manifestsView.coordsAtPos(span.to) ?? manifestsView.coordsAtPos(span.from);
  const below = at ? at.bottom - pane.top + 4 : 30;
  info.style.top = `${Math.min(Math.max(below, 28), Math.max(pane.height - info.offsetHeight - 6, 28))}px`;
}

// ---- controls and files
function setCompose(text: string): void {
  applying = true;
  composeView.dispatch({ changes: { from: 0, to: composeView.state.doc.length, insert: text } });
  applying = false;
}

function load(next: PlaygroundState): void {
  state = { ...next, files: { ...next.files } };
  setCompose(state.compose);
  $<HTMLSelectElement>('annotate').value = state.annotate;
  $<HTMLSelectElement>('serviceType').value = state.serviceType;
  $<HTMLInputElement>('namespace').value = state.namespace;
  $<HTMLInputElement>('createNamespace').checked = state.createNamespace;
  $<HTMLSelectElement>('layout').value = state.layout;
  renderFiles();
  shownFile = 0;
  update();
}

function renderFiles(): void {
  const rows = Object.entries(state.files).map(([path, content]) => fileRow(path, content));
  if (rows.length === 0) {
    const empty = document.createElement('p');
    empty.className = 'empty';
    empty.textContent = 'No other files. Add a .env (interpolation), the files env_file names, secret and config files: they sit beside compose.yaml, as on disk.';
    rows.push(empty);
  }
  $('files').replaceChildren(...rows);
}

function fileRow(path: string, content: string): HTMLElement {
  const row = document.createElement('div');
  row.className = 'file';
  const name = document.createElement('input');
  name.value = path;
  name.placeholder = 'path, e.g. .env or secrets/db_password.txt';
  name.spellcheck = false;
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.textContent = 'remove';
  const area = document.createElement('textarea');
  area.value = content;
  area.spellcheck = false;
  area.dataset.path = path;
  const sync = () => {
    const files: Record<string, string> = {};
    for (const r of $('files').querySelectorAll('.file')) {
      const p = r.querySelector('input')!.value.trim();
      const t = r.querySelector('textarea')!;
      t.dataset.path = p;
      if (p) files[p] = t.value;
    }
    state.files = files;
    schedule();
  };
  name.addEventListener('input', sync);
  area.addEventListener('input', sync);
  remove.addEventListener('click', () => {
    row.remove();
    sync();
  });
  row.append(name, remove, area);
  return row;
}

$('addFile').addEventListener('click', () => {
  const path = state.files['.env'] === undefined ? '.env' : '';
  $('files').querySelector('.empty')?.remove();
  $('files').append(fileRow(path, ''));
  if (path) state.files[path] = '';
});

const control = (id: string, apply: (el: HTMLInputElement & HTMLSelectElement) => void) =>
  $(id).addEventListener(id === 'namespace' ? 'input' : 'change', (e) => {
    apply(e.target as HTMLInputElement & HTMLSelectElement);
    if (id === 'namespace') schedule();
    else update();
  });
control('annotate', (el) => (state.annotate = el.value as PlaygroundState['annotate']));
control('serviceType', (el) => (state.serviceType = el.value as PlaygroundState['serviceType']));
control('namespace', (el) => (state.namespace = el.value));
control('createNamespace', (el) => (state.createNamespace = el.checked));
control('layout', (el) => {
  state.layout = el.value as PlaygroundState['layout'];
  shownFile = 0;
});
$('outputFile').addEventListener('change', (e) => {
  shownFile = Number((e.target as HTMLSelectElement).value);
  renderOutput();
});

const exampleSelect = $<HTMLSelectElement>('example');
exampleSelect.append(new Option('(choose an example)', ''), ...EXAMPLES.map((e) => new Option(e.title, e.id)));
exampleSelect.addEventListener('change', () => {
  const example = EXAMPLES.find((e) => e.id === exampleSelect.value);
  if (!example) return;
  const { [COMPOSE_FILE]: compose = '', ...files } = example.files;
  load({ ...state, compose, files });
});

$('download').addEventListener('click', () => {
  const files = conversion?.files ?? [];
  if (files.length === 0) return;
  const base = conversion?.project ?? 'compose2kube';
  const blob = files.length === 1 ? new Blob([files[0]!.content], { type: 'text/yaml' }) : new Blob([zip(files.map((f) => ({ path: `${base}/${f.path}`, content: f.content })))], { type: 'application/zip' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = files.length === 1 ? files[0]!.path : `${base}-${state.layout}.zip`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
});

$('copyLink').addEventListener('click', () => {
  void navigator.clipboard?.writeText(location.href).catch(() => undefined);
});

window.addEventListener('hashchange', () => {
  const next = decodeHash(location.hash);
  if (next && next.compose !== state.compose) load(next);
});

// ---- start: the shared project, else the first example
const shared = decodeHash(location.hash);
if (shared) load(shared);
else {
  const { [COMPOSE_FILE]: compose = '', ...files } = EXAMPLES[0]!.files;
  exampleSelect.value = EXAMPLES[0]!.id;
  load({ ...DEFAULT_STATE, compose, files });
}
showCursor();
