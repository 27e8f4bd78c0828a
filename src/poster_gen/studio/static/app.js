// poster-gen studio: the dashboard, the editor (a form generated from the schema, beside a live
// preview) and the export of the print set. Plain ES2020 modules, no build step. This is the page
// module: it draws, listens and fetches. What it decides without the DOM is in merge.js (drafts),
// views.js and words.js; the form is form.js, over paths.js and schema.js. The pure modules are
// tested by `node --test tests/studio/js/*.test.mjs`.
import { createForm, el } from './form.js';
import { draftKey, draftRecord, draftToRestore } from './merge.js';
import { busy, editSlug, errorText, fileClass, fileDone, fileType, latestFiles, percent, previewWidth, thumbnailSrc } from './views.js';
import { STRINGS, initialLang, locale, translate } from './words.js';

// -- words (the strings themselves are in words.js) -------------------------------------------------
let LANG = initialLang(localStorage.getItem('pgStudio.lang'), navigator.language);
const t = (key, ...args) => translate(STRINGS[LANG], key, ...args);
const clock = (d = new Date()) => d.toLocaleTimeString(locale(LANG), { hour: '2-digit', minute: '2-digit' });

// -- talking to the server -------------------------------------------------------------------------
async function api(method, url, { body, etag, signal, raw } = {}) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (etag) headers['If-Match'] = etag;
  let r;
  try {
    r = await fetch(url, { method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    return { status: 0, ok: false, json: { error: t('offline') } };
  }
  const type = r.headers.get('content-type') || '';
  const out = { status: r.status, ok: r.ok, headers: r.headers };
  if (raw && r.ok) out.blob = await r.blob();
  else if (type.includes('json')) out.json = await r.json().catch(() => ({}));
  else out.json = { error: `${r.status} ${r.statusText}` };
  return out;
}
let infoPromise = null;
const getInfo = () => (infoPromise ||= api('GET', '/api/info').then((r) => {
  if (!r.ok) { infoPromise = null; throw new Error(r.json.error || `HTTP ${r.status}`); }
  return r.json;
}));

// -- the page frame --------------------------------------------------------------------------------
const app = document.getElementById('app');
const crumbs = document.getElementById('crumbs');
function paintFrame() {
  document.documentElement.lang = LANG === 'zh' ? 'zh-Hans' : 'en';
  document.querySelectorAll('[data-i18n]').forEach((n) => { n.textContent = t(n.dataset.i18n); });
  document.querySelectorAll('[data-i18n-label]').forEach((n) => n.setAttribute('aria-label', t(n.dataset.i18nLabel)));
  document.querySelectorAll('#lang-toggle [data-l]').forEach((n) => n.setAttribute('aria-pressed', String(n.dataset.l === LANG)));
}
document.getElementById('lang-toggle').addEventListener('click', (e) => { // two buttons, 中文 and EN: the pressed one is the language shown
  const to = e.target.closest('[data-l]')?.dataset.l;
  if (!to || to === LANG) return;
  LANG = to;
  localStorage.setItem('pgStudio.lang', LANG);
  paintFrame();
  if (!ed) showDashboard(true);
  else if (ed.data) mountEditor();
  else { const slug = ed.slug; closeEditor(); openEditor(slug); } // loading, or it failed: again, in the new language
});
// "Skip to content": to the view's heading, without changing the location (the hash is the route)
document.querySelector('.skip').addEventListener('click', (e) => {
  e.preventDefault();
  const h1 = app.querySelector('h1');
  if (h1) focusHeading(h1); else app.focus();
});
const button = (text, attrs = {}) => el('button', { type: 'button', class: 'btn', ...attrs, text });
function errorBox(title, detail) {
  return el('div', { class: 'notice error', role: 'alert' }, el('strong', { text: title }), detail ? el('p', { text: detail }) : null);
}

// -- routing, with a guard for unsaved work ------------------------------------------------------------
let here = location.hash || '#/';
window.addEventListener('hashchange', () => {
  if (ed && ed.dirty && location.hash !== here && !confirm(t('leave'))) { history.replaceState(null, '', here); return; }
  route();
});
window.addEventListener('beforeunload', (e) => { if (ed && ed.dirty) { saveDraft(); e.preventDefault(); e.returnValue = ''; } });
let arrived = false; // false on the first load: focus stays where the browser puts it
function route() {
  here = location.hash || '#/';
  const slug = editSlug(here);
  if (ed) closeEditor();
  if (arrived) app.focus({ preventScroll: true }); // the link that was followed is gone: focus stays in the page meanwhile
  const moved = arrived;
  arrived = true;
  if (slug) openEditor(slug, moved); else showDashboard(false, moved);
}
/** Focus on the view's heading (a heading of the page's own, made focusable with tabindex=-1). */
function focusHeading(n) {
  if (!n) return;
  n.setAttribute('tabindex', '-1');
  n.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

// -- dashboard --------------------------------------------------------------------------------------
let dash = null; // the last /api/dashboard answer
/** A way back to the focused element of the view after it is drawn again (a language switch, an export's end). */
function focusedSelector() {
  const n = document.activeElement;
  if (!n || n === app || !app.contains(n)) return null;
  if (n.id) return `#${CSS.escape(n.id)}`;
  const card = n.closest('.card[data-slug]');
  return card ? `.card[data-slug="${CSS.escape(card.dataset.slug)}"] ${n.matches('.edit') ? '.edit' : n.matches('.pdf') ? '.pdf' : 'a'}` : null;
}
async function showDashboard(cached = false, moved = false) {
  const refocus = focusedSelector();
  const keepFocus = () => { if (refocus && !app.contains(document.activeElement)) app.querySelector(refocus)?.focus({ preventScroll: true }); };
  document.title = 'poster-gen studio';
  crumbs.replaceChildren();
  const grid = el('div', { class: 'grid', id: 'cards' });
  app.replaceChildren(el('div', { class: 'dashboard' },
    el('section', { class: 'hero' },
      el('div', {}, el('h1', { text: t('heroTitle') }), el('p', { class: 'lead', text: t('heroText') })),
      el('div', { class: 'hero-action' }, button(t('export'), { id: 'export', class: 'btn primary big', onclick: startExport,
        'aria-disabled': String(busy(exp.state)) }), el('small', { text: t('exportHint') }))),
    el('section', { id: 'export-panel', class: 'panel export', hidden: !exp.job, 'aria-labelledby': 'export-title' }), grid));
  if (moved) focusHeading(app.querySelector('h1'));
  paintExport();
  if (dash && cached) paintCards(grid);
  keepFocus();
  const r = await api('GET', '/api/dashboard');
  if (!r.ok) { grid.replaceWith(errorBox(t('loadFailed'), r.json.error)); return; }
  dash = r.json;
  if (grid.isConnected) { paintCards(grid); keepFocus(); }
}
function paintCards(grid) {
  grid.replaceChildren(...dash.landmarks.map((c) => card(c, true)), card(dash.brochure, false));
}
function card(c, editable) {
  const href = editable ? `#/edit/${c.slug}` : c.url;
  const src = thumbnailSrc(c, editable);
  const img = src ? el('img', { src, alt: '', loading: 'lazy', onerror: (e) => e.target.replaceWith(el('div', { class: 'thumb-empty' })) })
    : el('div', { class: 'thumb-empty' });
  const badge = c.preflight ? el('span', { class: `badge ${c.preflight}`, text: t(c.preflight) })
    : el('span', { class: 'badge none', text: t('notBuilt') });
  return el('article', { class: `card${c.errors ? ' broken' : ''}`, 'data-slug': c.slug },
    el(href ? 'a' : 'div', { class: 'thumb', href, target: editable ? null : '_blank', tabindex: href ? '-1' : null, 'aria-hidden': 'true' },
      img, !c.built && src ? el('span', { class: 'thumb-tag', text: t('previewOnly') }) : null),
    el('div', { class: 'card-body' },
      el('h2', { lang: 'zh-Hans', text: c.title.zh }), el('p', { class: 'title-en', lang: 'en', text: c.title.en }),
      editable ? null : el('p', { class: 'note', text: t('brochureNote') }),
      c.errors ? el('ul', { class: 'card-errors' }, c.errors.slice(0, 3).map((x) => el('li', { text: x }))) : null,
      el('div', { class: 'meta' }, badge, el('span', { class: 'when', text: c.built ? t('built', c.built) : '' }))),
    el('div', { class: 'card-actions' },
      editable ? el('a', { class: 'btn edit', href: `#/edit/${c.slug}`, text: t('edit'), 'aria-label': `${t('edit')} ${c.title[LANG]}` }) : null,
      c.url ? el('a', { class: 'btn ghost pdf', href: c.url, target: '_blank', rel: 'noopener', text: t('openPdf'),
        'aria-label': `${t('openPdf')} ${c.title[LANG]} ${t('newTab')}` }) : null));
}

// -- export ---------------------------------------------------------------------------------------------
const exp = { job: null, state: null, progress: 0, files: [], errors: [] };
async function startExport() {
  if (busy(exp.state)) return;
  Object.assign(exp, { job: 'starting', state: 'queued', progress: 0, files: [], errors: [] });
  paintExport();
  const r = await api('POST', '/api/build');
  if (r.status !== 202) { Object.assign(exp, { state: 'failed', errors: [r.json.error || `HTTP ${r.status}`] }); paintExport(); return; }
  exp.job = r.json.job;
  poll();
}
async function poll() {
  const r = await api('GET', `/api/build/${exp.job}`);
  if (!r.ok) { Object.assign(exp, { state: 'failed', errors: [r.json.error || `HTTP ${r.status}`] }); paintExport(); return; }
  Object.assign(exp, r.json);
  paintExport();
  if (busy(exp.state)) setTimeout(poll, 300);
  else if (!ed) showDashboard(true);
}
function paintExport() { // built once, then updated in place (the same elements while they fill)
  const panel = document.getElementById('export-panel');
  const btn = document.getElementById('export');
  const going = busy(exp.state);
  // not `disabled` while it runs: a disabled button drops the keyboard's focus; a click then does nothing (startExport)
  if (btn) { btn.setAttribute('aria-disabled', String(going)); btn.textContent = going ? t('exporting') : t('export'); }
  if (!panel || !exp.job) return;
  panel.hidden = false;
  panel.className = `panel export state-${exp.state}`;
  if (!panel.querySelector('#export-progress')) {
    panel.replaceChildren(
      el('div', { class: 'export-head' }, el('h2', { id: 'export-title', text: t('exportTitle') }), el('p', { class: 'export-state', role: 'status' })),
      el('div', { id: 'export-progress', class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100',
        'aria-label': t('exportTitle') }, el('div', { class: 'bar' })),
      el('ul', { id: 'export-files', class: 'files' }), el('div', { class: 'export-errors' }), el('div', { class: 'export-end' }));
  }
  const pct = percent(exp.progress);
  panel.querySelector('.export-state').textContent = exp.state === 'queued' ? t('queued') : going ? t('running', pct) : exp.state === 'done' ? t('done') : t('stopped');
  const bar = panel.querySelector('#export-progress');
  bar.setAttribute('aria-valuenow', String(pct));
  bar.dataset.state = exp.state;
  bar.firstChild.style.width = `${pct}%`;
  const files = latestFiles(exp.files);
  const list = panel.querySelector('#export-files');
  if (list.dataset.sig !== JSON.stringify(files)) {
    list.dataset.sig = JSON.stringify(files);
    list.replaceChildren(...files.map((f) => {
      const ok = fileDone(f.status);
      return el('li', { class: fileClass(f.status) }, ok && f.url ? el('a', { href: f.url, target: '_blank', rel: 'noopener', text: f.name,
        'data-type': fileType(f.name) }) : el('span', { text: f.name }),
        el('span', { class: 'file-status', text: t('status')[f.status] || f.status }));
    }));
  }
  const errs = panel.querySelector('.export-errors');
  if (errs.dataset.sig !== JSON.stringify(exp.errors)) {
    errs.dataset.sig = JSON.stringify(exp.errors);
    errs.replaceChildren(...(exp.errors.length ? [el('div', { class: 'notice error', role: 'alert' }, el('strong', { text: t('failed') }),
      el('ul', {}, exp.errors.map((x) => el('li', { text: errorText(x) }))))] : []));
  }
  const endBox = panel.querySelector('.export-end');
  if ((exp.state === 'done') !== !!endBox.firstChild) {
    endBox.replaceChildren(...(exp.state === 'done' ? [el('a', { id: 'print-set', class: 'btn primary', href: '/api/print-set.zip',
      download: 'print-set.zip', text: `⤓ ${t('printSet')}` })] : []));
  }
}

// -- editor -----------------------------------------------------------------------------------------------
let ed = null; // the open landmark: slug, etag, data, baseline, form, dirty, errors, preview state
function saveDraft() {
  if (!ed || !ed.data) return;
  if (ed.dirty) localStorage.setItem(draftKey(ed.slug), JSON.stringify(draftRecord(ed.data, ed.baseline, ed.etag, Date.now())));
  else localStorage.removeItem(draftKey(ed.slug));
}
function closeEditor() {
  if (ed.dirty) saveDraft();
  ed.ctl?.abort();
  clearTimeout(ed.timer);
  if (ed.previewUrl) URL.revokeObjectURL(ed.previewUrl);
  ed = null;
}
async function openEditor(slug, moved = false) {
  ed = { slug, etag: null, data: null, baseline: '', dirty: false, errors: [], banner: null, status: null, showPreview: false };
  const mine = ed;
  app.replaceChildren(el('p', { class: 'loading', text: t('loading') }));
  try {
    const [info, r] = await Promise.all([getInfo(), api('GET', `/api/landmarks/${slug}`)]);
    if (mine !== ed) return;
    if (!r.ok) throw new Error(r.json.error || `HTTP ${r.status}`);
    Object.assign(ed, { info, data: r.json, etag: r.headers.get('ETag'), baseline: JSON.stringify(r.json) });
  } catch (err) {
    if (mine !== ed) return;
    app.replaceChildren(el('div', { class: 'page-error' }, el('h1', { text: t('loadFailed') }),
      el('div', { class: 'notice error', role: 'alert' }, el('p', { text: err.message })), el('p', {}, el('a', { href: '#/', text: `← ${t('back')}` }))));
    if (moved) focusHeading(app.querySelector('h1'));
    return;
  }
  offerDraft();
  mountEditor();
  if (moved) focusHeading(document.querySelector('.doc-title h1')); // the user followed "Edit": they are at the poster's title
  refreshPreview();
}
function offerDraft(kept = false) {
  const d = JSON.parse(localStorage.getItem(draftKey(ed.slug)) || 'null');
  const mine = draftToRestore(d, ed.baseline, ed.etag); // my edits, merged on top of this version if it is newer
  if (mine === null) { localStorage.removeItem(draftKey(ed.slug)); return; }
  // words as functions: they are written in the language shown when painted
  ed.banner = { kind: 'draft', text: () => (kept ? t('draftKept') : t('draftFound', new Date(d.at).toLocaleString(locale(LANG)))),
    actions: [['restore', () => { ed.data = mine; ed.banner = null; mountEditor(); changed(); }],
      ['discard', () => { localStorage.removeItem(draftKey(ed.slug)); ed.banner = null; paintBanner(); }]] };
}
function mountEditor() {
  const title = ed.data?.name || {};
  document.title = `${title.zh || ed.slug} · poster-gen studio`;
  crumbs.replaceChildren(el('a', { href: '#/', text: t('dashboard') }), el('span', { class: 'sep', text: '/' }),
    el('span', { lang: 'zh-Hans', text: title.zh || ed.slug }), el('span', { class: 'crumb-en', lang: 'en', text: title.en || '' }));
  const form = createForm({ schema: ed.info.schema, data: ed.data, info: ed.info, t, lang: () => LANG, onChange: changed });
  ed.form = form;
  const img = el('img', { id: 'preview', alt: t('preview'), src: ed.previewUrl || '' });
  if (!ed.previewUrl) img.removeAttribute('src');
  // On a phone the actions are a bar at the bottom of the screen (Save always in reach) and the
  // preview is shown instead of the form by the Preview button; on a wide screen they sit side by side.
  app.replaceChildren(el('div', { class: `editor${ed.showPreview ? ' show-preview' : ''}` },
    el('div', { class: 'toolbar' },
      el('a', { class: 'back', href: '#/', text: `← ${t('back')}` }),
      el('div', { class: 'doc-title' }, el('h1', { lang: 'zh-Hans', text: title.zh || ed.slug }), el('span', { lang: 'en', text: title.en || '' })),
      el('span', { id: 'dirty', class: 'pill' }),
      el('p', { id: 'status', role: 'status', 'aria-live': 'polite' }),
      el('div', { class: 'actions' },
        button(ed.undone ? t('redo') : t('undo'), { id: 'undo', class: 'btn ghost', onclick: undo, title: ed.undone ? t('redoHint') : null }),
        button('', { id: 'show-preview', class: 'btn preview-toggle', 'aria-controls': 'preview-col form-col', onclick: togglePreview }),
        button(t('save'), { id: 'save', class: 'btn primary', onclick: save }))),
    el('div', { id: 'banner' }),
    el('div', { class: 'editor-body' },
      el('div', { class: 'form-col', id: 'form-col' },
        el('nav', { class: 'sections', 'aria-label': t('sections') }, form.sections().map(([k, name]) => button(name, { class: 'chip',
          'data-section': k, onclick: () => form.focusSection(k) }))),
        el('div', { id: 'problems' }),
        el('form', { id: 'editor-form', novalidate: true, autocomplete: 'off', onsubmit: (e) => { e.preventDefault(); save(); } }, form.el)),
      el('aside', { class: 'preview-col', id: 'preview-col', 'aria-labelledby': 'preview-title' },
        el('div', { class: 'preview-head' }, el('h2', { id: 'preview-title', text: t('preview') }),
          el('span', { id: 'preview-state', class: 'preview-state' })),
        el('div', { id: 'preview-frame', class: 'preview-frame' }, img, el('p', { class: 'preview-empty', id: 'preview-empty' }),
          el('div', { class: 'spinner', 'aria-hidden': 'true' }))))));
  paintPreviewToggle();
  setErrors(ed.errors);
  paintStatus();
  paintBanner();
  paintPreviewState();
}
function togglePreview() { // narrow screens: the preview in place of the form, and back
  ed.showPreview = !ed.showPreview;
  paintPreviewToggle();
  document.querySelector('.editor-body')?.scrollIntoView({ block: 'start' });
}
function paintPreviewToggle() {
  const editor = app.querySelector('.editor');
  const btn = document.getElementById('show-preview');
  if (!editor || !btn) return;
  editor.classList.toggle('show-preview', ed.showPreview);
  btn.textContent = ed.showPreview ? t('showForm') : t('showPreview');
}
function changed() {
  ed.dirty = JSON.stringify(ed.data) !== ed.baseline;
  ed.status = null;
  paintStatus();
  clearTimeout(ed.timer);
  ed.timer = setTimeout(() => { saveDraft(); refreshPreview(); }, 400);
}
function paintStatus() {
  const dirty = document.getElementById('dirty');
  if (!dirty) return;
  dirty.textContent = ed.dirty ? `● ${t('unsaved')}` : t('allSaved');
  dirty.className = `pill ${ed.dirty ? 'dirty' : 'clean'}`;
  // a status is a message key and its arguments (written in the language shown), or a server's own words
  document.getElementById('status').textContent = Array.isArray(ed.status) ? t(...ed.status) : ed.status || '';
  document.getElementById('status').className = ed.statusKind || '';
  const save = document.getElementById('save');
  save.disabled = !ed.dirty || ed.saving;
  save.textContent = ed.saving ? t('saving') : t('save');
  document.title = `${ed.dirty ? '● ' : ''}${ed.data?.name?.zh || ed.slug} · poster-gen studio`;
}
/** Show a status: [key, ...args] of words.js, or a text from the server as it came. */
function say(status, kind = '') { ed.status = status; ed.statusKind = kind; paintStatus(); }
function setErrors(list) {
  ed.errors = list || [];
  const unplaced = ed.form ? ed.form.setErrors(ed.errors) : ed.errors;
  const box = document.getElementById('problems');
  if (!box) return;
  box.replaceChildren();
  if (!ed.errors.length) return;
  box.append(el('div', { class: 'notice error problems', role: 'alert' },
    el('strong', { text: `${t('problems', ed.errors.length)} — ${t('fixList')}` }),
    el('ul', {}, ed.errors.map((e) => el('li', {}, unplaced.includes(e) ? el('span', { text: e.where || e.message })
      : el('button', { type: 'button', class: 'link', title: t('jump'), onclick: () => ed.form.focusField(e.field) },
        el('code', { text: e.field }), ` ${e.message}`))))));
}
function paintBanner() {
  const box = document.getElementById('banner');
  if (!box) return;
  const b = ed.banner;
  box.replaceChildren(...(b ? [el('div', { class: `notice banner ${b.kind}`, role: 'alert' }, el('p', { text: b.text() }),
    el('div', { class: 'banner-actions' }, b.actions.map(([key, fn], i) => button(t(key), { class: `btn${i ? ' ghost' : ' primary'}`, onclick: fn }))))] : []));
}

// preview: the form's current data, rendered by the server; stale requests are cancelled
async function refreshPreview() {
  if (!ed) return;
  const mine = ed;
  ed.ctl?.abort();
  const ctl = (ed.ctl = new AbortController());
  ed.updating = true;
  paintPreviewState();
  const frame = document.getElementById('preview-frame');
  const width = previewWidth(frame?.clientWidth, window.devicePixelRatio);
  let r;
  try {
    r = await api('POST', `/api/preview/${ed.slug}.png?width=${width}`, { body: ed.data, signal: ctl.signal, raw: true });
  } catch (err) { return; } // aborted: a newer request is on its way
  if (mine !== ed || ctl !== ed.ctl) return;
  ed.updating = false;
  if (r.ok) {
    if (ed.previewUrl) URL.revokeObjectURL(ed.previewUrl);
    ed.previewUrl = URL.createObjectURL(r.blob);
    ed.previewStale = false;
    ed.previewError = null;
    const img = document.getElementById('preview');
    if (img) img.src = ed.previewUrl;
    setErrors([]);
  } else if (r.status === 422) {
    ed.previewStale = true;
    ed.previewError = null;
    setErrors(r.json.errors);
  } else {
    ed.previewStale = true;
    ed.previewError = r.json.error || `HTTP ${r.status}`;
  }
  paintPreviewState();
}
function paintPreviewState() {
  const frame = document.getElementById('preview-frame');
  const state = document.getElementById('preview-state');
  if (!frame) return;
  frame.classList.toggle('updating', !!ed.updating);
  frame.classList.toggle('stale', !!ed.previewStale);
  frame.classList.toggle('empty', !ed.previewUrl);
  document.getElementById('preview-empty').textContent = ed.previewStale ? t('noPreview') : t('loading');
  state.className = `preview-state${ed.previewStale && !ed.updating ? ' warn' : ''}`;
  const first = ed.errors.find((e) => e.field);
  state.replaceChildren(ed.updating ? t('updating') : ed.previewError ? `${t('previewFailed')} ${ed.previewError}`
    : ed.previewStale && first ? el('button', { type: 'button', class: 'link', onclick: () => { if (ed.showPreview) togglePreview(); ed.form.focusField(first.field); },
      text: t('staleWith', ed.errors.length) }) : ed.previewStale ? t('previewStale') : '');
}

// saving, undo, and a file changed elsewhere
async function save() {
  if (!ed || ed.saving || !ed.dirty) return;
  ed.saving = true;
  paintStatus();
  const sent = JSON.stringify(ed.data);
  const mine = ed;
  const r = await api('PUT', `/api/landmarks/${ed.slug}`, { body: ed.data, etag: ed.etag });
  mine.saving = false;
  if (mine !== ed) return; // the user went elsewhere meanwhile; the save itself is done
  if (r.ok) {
    ed.etag = r.headers.get('ETag') || `"${r.json.etag}"`;
    ed.baseline = sent;
    ed.dirty = JSON.stringify(ed.data) !== sent;
    ed.undone = false;
    document.getElementById('undo').textContent = t('undo');
    saveDraft();
    setErrors([]);
    say(['saved', clock()], 'ok');
  } else if (r.status === 422) {
    setErrors(r.json.errors);
    say(['fixToSave', r.json.errors.length], 'error');
    const first = r.json.errors.find((e) => e.field);
    if (first) ed.form.focusField(first.field);
  } else if (r.status === 412) {
    staleBanner();
    say(null, '');
  } else {
    say(r.status === 413 ? ['tooBig'] : r.json.error || `HTTP ${r.status}`, 'error');
  }
}
function staleBanner() {
  saveDraft();
  ed.banner = { kind: 'stale', text: () => t('stale'), actions: [['loadNewer', reloadFromDisk], ['keepEditing', () => { ed.banner = null; paintBanner(); }]] };
  paintBanner();
}
async function reloadFromDisk(message) {
  saveDraft(); // the user's typing survives the reload, as a draft they can put back
  const mine = ed;
  const r = await api('GET', `/api/landmarks/${ed.slug}`);
  if (mine !== ed) return;
  if (!r.ok) { say(r.json.error || `HTTP ${r.status}`, 'error'); return; }
  Object.assign(ed, { data: r.json, etag: r.headers.get('ETag'), baseline: JSON.stringify(r.json), dirty: false, banner: null, errors: [] });
  offerDraft(true);
  mountEditor();
  if (typeof message === 'string') say([message], 'ok');
  refreshPreview();
}
async function undo() {
  if (!ed) return;
  if (ed.dirty && !confirm(t('confirmUndo'))) return;
  const mine = ed;
  const r = await api('POST', `/api/landmarks/${ed.slug}/undo`, { etag: ed.etag });
  if (mine !== ed) return;
  if (r.ok) {
    localStorage.removeItem(draftKey(ed.slug));
    ed.dirty = false;
    const redo = ed.undone;
    ed.undone = !redo;
    await reloadFromDisk(redo ? 'redone' : 'undone');
  } else if (r.status === 409) say(['nothingToUndo'], 'info');
  else if (r.status === 412) staleBanner();
  else say(r.json.error || `HTTP ${r.status}`, 'error');
}
document.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's' && ed) { e.preventDefault(); save(); }
});

paintFrame();
route();
