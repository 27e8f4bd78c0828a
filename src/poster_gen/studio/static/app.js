// poster-gen studio: the dashboard, the editor (a form generated from the schema, beside a live
// preview) and the export of the print set. Plain ES2020 modules, no build step. This is the page
// module: it draws, listens and fetches. What it decides without the DOM is in merge.js (drafts),
// views.js and words.js; the form is form.js, over paths.js and schema.js. The pure modules are
// tested by `node --test tests/studio/js/*.test.mjs`.
import { createForm, el } from './form.js';
import { draftKey, draftRecord, draftToRestore, mergeClashes, openClashes } from './merge.js';
import { fmtPath, getIn, parsePath, renameKey, setIn } from './paths.js';
import { busy, documentOf, editTarget, errorText, fileClass, fileDone, fileType, isPreviewSrc, latestFiles, located, pageOf, percent, previewSrc,
  previewWidth, summaryParts, thumbnailSrc, unknownKey } from './views.js';
import { EDITIONS, STRINGS, initialLang, learn, locale, serverMessage, translate, versionSummary } from './words.js';
import { forgetMade, isReleasesRoute, releaseBadge, showReleaseView } from './releases.js';

// -- words (the strings themselves are in words.js) -------------------------------------------------
let LANG = initialLang(localStorage.getItem('pgStudio.lang'), navigator.language);
const t = (key, ...args) => translate(STRINGS[LANG], key, ...args);
/** The words for the open document: a campaign's own (key + 'Campaign') where the landmark's speak of "this poster". */
const tk = (key, ...args) => (ed?.doc.kind === 'campaign' && STRINGS[LANG][`${key}Campaign`] !== undefined ? t(`${key}Campaign`, ...args) : t(key, ...args));
const clock = (d = new Date()) => d.toLocaleTimeString(locale(LANG), { hour: '2-digit', minute: '2-digit' });

// -- who is saving: a name the user gives once (in the History panel), kept on this computer ----------
const userName = () => localStorage.getItem('pgStudio.user') || '';
const setUserName = (name) => { if (name.trim()) localStorage.setItem('pgStudio.user', name.trim().slice(0, 80)); else localStorage.removeItem('pgStudio.user'); };

// -- talking to the server -------------------------------------------------------------------------
async function api(method, url, { body, etag, signal, raw } = {}) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (etag) headers['If-Match'] = etag;
  if (method !== 'GET' && userName()) headers['X-Studio-User'] = encodeURIComponent(userName()); // recorded with the version
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
  else if (type.includes('json')) { out.json = await r.json().catch(() => ({})); learn(out.json); }
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
  if (!ed) { if (isReleasesRoute(here)) releasesView(); else showDashboard(true); }
  else if (ed.data) mountEditor();
  else reopen(false); // loading, or it failed: again, in the new language
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
  if (ed && ed.dirty && location.hash !== here && !confirm(tk('leave'))) { history.replaceState(null, '', here); return; }
  route();
});
window.addEventListener('beforeunload', (e) => { if (ed && ed.dirty) { saveDraft(); e.preventDefault(); e.returnValue = ''; } });
let arrived = false; // false on the first load: focus stays where the browser puts it
function route() {
  here = location.hash || '#/';
  const target = editTarget(here);
  if (ed) closeEditor();
  if (arrived) app.focus({ preventScroll: true }); // the link that was followed is gone: focus stays in the page meanwhile
  const moved = arrived;
  arrived = true;
  if (!isReleasesRoute(here)) forgetMade();
  if (target) openEditor(target, moved); else if (isReleasesRoute(here)) releasesView(moved); else showDashboard(false, moved);
}
/** The releases: the list with its downloads, "Approve and release", the proof (releases.js). */
const releasesView = (moved = false) => showReleaseView({ app, crumbs, t, lang: () => LANG, api, focusHeading, moved, userName, setUserName,
  dashboard: '#/' }, here);
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
      el('div', { class: 'hero-action' },
        el('div', { class: 'edition-pick' }, el('label', { for: 'export-edition', text: t('edition') }),
          el('select', { id: 'export-edition' }, EDITIONS.map((code) => el('option', { value: code, text: t(`edition.${code}`),
            selected: code === exp.edition })))),
        button(t('export'), { id: 'export', class: 'btn primary big', onclick: startExport,
        'aria-disabled': String(busy(exp.state)) }), el('small', { text: t('exportHint') }),
        el('a', { class: 'releases-link', href: '#/releases', text: t('releasesLink') }))),
    el('section', { id: 'export-panel', class: 'panel export', hidden: !exp.job, 'aria-labelledby': 'export-title' }), grid));
  if (moved) focusHeading(app.querySelector('h1'));
  paintExport();
  if (dash && cached) paintCards(grid);
  keepFocus();
  const r = await api('GET', '/api/dashboard');
  if (!r.ok) { // a file everything shares is broken: where, and the campaign's texts to mend it in
    grid.replaceWith(el('div', { class: 'notice error', role: 'alert' }, el('strong', { text: t('loadFailed') }),
      el('ul', { class: 'located' }, (r.json.errors || [r.json.error || `HTTP ${r.status}`]).map((x) => el('li', { text: serverMessage(x, LANG) }))),
      r.json.campaign ? el('p', {}, el('a', { href: documentOf('campaign').hash, text: t('mendCampaign') })) : null));
    return;
  }
  dash = r.json;
  if (grid.isConnected) { paintCards(grid); keepFocus(); }
}
function paintCards(grid) {
  grid.replaceChildren(...dash.landmarks.map((c) => card(c, true)), card(dash.brochure, false));
}
function card(c, editable) {
  const href = editable ? `#/edit/${c.slug}` : c.url;
  const src = thumbnailSrc(c, editable); // the saved data rendered when it changed since the export
  const img = src ? el('img', { src, alt: '', loading: 'lazy', onerror: (e) => e.target.replaceWith(el('div', { class: 'thumb-empty' })) })
    : el('div', { class: 'thumb-empty' });
  const badge = c.preflight ? el('span', { class: `badge ${c.preflight}`, text: t(c.preflight) })
    : el('span', { class: 'badge none', text: t('notBuilt') });
  const changedBadge = c.built && c.changed ? el('span', { class: 'badge changed', text: t('changedSince') }) : null;
  return el('article', { class: `card${c.errors ? ' broken' : ''}`, 'data-slug': c.slug },
    el(href ? 'a' : 'div', { class: 'thumb', href, target: editable ? null : '_blank', tabindex: href ? '-1' : null, 'aria-hidden': 'true' },
      img, isPreviewSrc(src) ? el('span', { class: 'thumb-tag', text: t('previewOnly') }) : null),
    el('div', { class: 'card-body' },
      el('h2', { lang: 'zh-Hans', text: c.title.zh }), el('p', { class: 'title-en', lang: 'en', text: c.title.en }),
      editable ? null : el('p', { class: 'note', text: t('brochureNote') }),
      c.errors ? el('ul', { class: 'card-errors' }, c.errors.slice(0, 3).map((x) => el('li', { text: x }))) : null,
      el('div', { class: 'meta' }, releaseBadge(c, t), changedBadge, badge, el('span', { class: 'when', text: c.built ? t('built', c.built) : '' }))),
    el('div', { class: 'card-actions' },
      editable ? el('a', { class: 'btn edit', href: `#/edit/${c.slug}`, text: t('edit'), 'aria-label': `${t('edit')} ${c.title[LANG]}` })
        : el('a', { class: 'btn edit', href: documentOf('campaign').hash, text: t('editTexts'), 'aria-label': `${t('editTexts')} ${c.title[LANG]}` }),
      c.url ? el('a', { class: 'btn ghost pdf', href: c.url, target: '_blank', rel: 'noopener', text: t('openPdf'),
        'aria-label': `${t('openPdf')} ${c.title[LANG]} ${t('newTab')}` }) : null));
}

// -- export ---------------------------------------------------------------------------------------------
const exp = { job: null, state: null, progress: 0, files: [], errors: [], edition: 'zh-en' };
async function startExport() {
  if (busy(exp.state)) return;
  const edition = document.getElementById('export-edition')?.value || 'zh-en'; // the languages the set prints
  Object.assign(exp, { job: 'starting', state: 'queued', progress: 0, files: [], errors: [], edition });
  paintExport();
  const r = await api('POST', '/api/build', { body: { edition } });
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
  else if (!ed && !isReleasesRoute(here)) showDashboard(true);
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
      el('ul', {}, exp.errors.map((x) => el('li', { text: serverMessage(errorText(x), LANG) }))))] : []));
  }
  const endBox = panel.querySelector('.export-end');
  if ((exp.state === 'done') !== !!endBox.firstChild) {
    endBox.replaceChildren(...(exp.state === 'done' ? [el('a', { id: 'print-set', class: 'btn primary', href: '/api/print-set.zip',
      download: 'print-set.zip', text: `⤓ ${t('printSet')}` })] : []));
  }
}

// -- editor -----------------------------------------------------------------------------------------------
let ed = null; // the open document (views.documentOf: a landmark or the campaign): etag, data, baseline, form, dirty, errors, preview state, clashes, notice
const WATCH_MS = 3000; // how often the open file is compared with the one on disk (a colleague's save)
function saveDraft() {
  if (!ed || !ed.data) return;
  if (ed.dirty) localStorage.setItem(draftKey(ed.doc.id), JSON.stringify(draftRecord(ed.data, ed.baseline, ed.etag, Date.now())));
  else localStorage.removeItem(draftKey(ed.doc.id));
}
function closeEditor() {
  if (ed.dirty) saveDraft();
  ed.ctl?.abort();
  clearTimeout(ed.timer);
  clearTimeout(ed.watchTimer);
  document.getElementById('history')?.close();
  if (ed.previewUrl) URL.revokeObjectURL(ed.previewUrl);
  ed = null;
}
/** The open document again, from its file (a language switch while loading, a file that changed or was mended). */
function reopen(moved = true) { const doc = ed.doc; closeEditor(); openEditor(doc, moved); }
async function openEditor(doc, moved = false) {
  ed = { doc, etag: null, data: null, baseline: '', dirty: false, errors: [], banner: null, status: null, showPreview: false,
    capacity: {}, clashes: [], notice: null, gen: 0, page: 1, pages: 0, where: {} };
  const mine = ed;
  app.replaceChildren(el('p', { class: 'loading', text: t('loading') }));
  let info;
  let r;
  try {
    [info, r] = await Promise.all([getInfo(), api('GET', doc.api)]);
    if (mine !== ed) return;
    if (!r.ok && !(r.status === 422 && r.headers)) throw new Error(r.json.error || `HTTP ${r.status}`);
  } catch (err) {
    if (mine !== ed) return;
    app.replaceChildren(el('div', { class: 'page-error' }, el('h1', { text: t('loadFailed') }),
      el('div', { class: 'notice error', role: 'alert' }, el('p', { text: err.message })), el('p', {}, el('a', { href: '#/', text: `← ${t('back')}` }))));
    if (moved) focusHeading(app.querySelector('h1'));
    return;
  }
  if (!r.ok) { // the file does not read (a mistake made by hand): where, and the ways out
    Object.assign(ed, { info, etag: r.headers.get('ETag'), broken: r.json });
    showBroken();
    if (moved) focusHeading(app.querySelector('h1'));
    return;
  }
  Object.assign(ed, { info, data: r.json, etag: r.headers.get('ETag'), baseline: JSON.stringify(r.json) });
  offerDraft();
  mountEditor();
  if (moved) focusHeading(document.querySelector('.doc-title h1')); // the user followed "Edit": they are at the poster's title
  refreshPreview();
  watch();
}
function showBroken() {
  const file = ed.doc.file;
  const errors = ed.broken.errors || [{ field: '', message: ed.broken.error || '', where: ed.broken.error || '' }];
  document.title = `${tk('brokenTitle')} · poster-gen studio`;
  crumbs.replaceChildren(el('a', { href: '#/', text: t('dashboard') }), el('span', { class: 'sep', text: '/' }), el('code', { text: ed.doc.key || file }));
  const [before, after] = t('brokenText', '\u0000').split('\u0000'); // the file's name set apart, as code
  app.replaceChildren(el('div', { class: 'page-error broken-file' },
    el('p', { class: 'back-row' }, el('a', { class: 'back', href: '#/', text: `← ${t('back')}` })),
    el('h1', { text: tk('brokenTitle') }),
    el('p', { class: 'lead' }, before, el('code', { text: file }), after),
    el('div', { class: 'notice error', role: 'alert' }, el('ul', { class: 'located' }, errors.map((e) => {
      const at = located(e.where || e.message);
      return el('li', {}, at.file ? el('code', { class: 'where', text: at.line ? `${at.file} · ${t('brokenAt', at.line, at.column)}` : at.file }) : null,
        el('span', { class: 'what', text: serverMessage(at.message, LANG) }));
    }))),
    el('div', { class: 'broken-actions' },
      button(t('openHistory'), { id: 'open-history', class: 'btn primary', onclick: openHistory, 'aria-haspopup': 'dialog' }),
      button(t('checkAgain'), { class: 'btn', onclick: () => reopen() }))));
}
function offerDraft(kept = false) {
  const d = JSON.parse(localStorage.getItem(draftKey(ed.doc.id)) || 'null');
  const mine = draftToRestore(d, ed.baseline, ed.etag); // my edits, merged on top of this version if it is newer
  if (mine === null) { localStorage.removeItem(draftKey(ed.doc.id)); return; }
  // words as functions: they are written in the language shown when painted
  ed.banner = { kind: 'draft', text: () => (kept ? t('draftKept') : t('draftFound', new Date(d.at).toLocaleString(locale(LANG)))),
    actions: [['restore', () => { ed.data = mine; ed.banner = null; mountEditor(); changed(); }],
      ['discard', () => { localStorage.removeItem(draftKey(ed.doc.id)); ed.banner = null; paintBanner(); }]] };
}
/** What the editor is called: a landmark by its names (Chinese, then English), the campaign's texts in the language shown. */
function docTitle() {
  if (ed.doc.kind === 'campaign') return { main: t('campaignTexts'), lang: null, en: '' };
  const name = ed.data?.name || {};
  return { main: name.zh || ed.doc.key, lang: 'zh-Hans', en: name.en || '' };
}
function mountEditor() {
  const title = docTitle();
  document.title = `${title.main} · poster-gen studio`;
  crumbs.replaceChildren(el('a', { href: '#/', text: t('dashboard') }), el('span', { class: 'sep', text: '/' }),
    el('span', { lang: title.lang, text: title.main }), ...(title.en ? [el('span', { class: 'crumb-en', lang: 'en', text: title.en })] : []));
  const form = createForm({ schema: ed.info.schemas?.[ed.doc.kind] || ed.info.schema, data: ed.data, info: ed.info, t, lang: () => LANG,
    onChange: changed, capacity: ed.capacity, onClash: chooseClash, slug: ed.doc.kind === 'landmark' ? ed.doc.key : null });
  ed.form = form;
  const img = el('img', { id: 'preview', alt: t('preview'), src: ed.previewUrl || '' });
  if (!ed.previewUrl) img.removeAttribute('src');
  // On a phone the actions are a bar at the bottom of the screen (Save always in reach) and the
  // preview is shown instead of the form by the Preview button; on a wide screen they sit side by side.
  // A notice about the file (a colleague's save) appears beside the actions: where the user's eyes are.
  app.replaceChildren(el('div', { class: `editor${ed.showPreview ? ' show-preview' : ''}` },
    el('div', { class: 'toolbar' },
      el('a', { class: 'back', href: '#/', text: `← ${t('back')}` }),
      el('div', { class: 'doc-title' }, el('h1', { lang: title.lang, text: title.main }), title.en ? el('span', { lang: 'en', text: title.en }) : null),
      el('span', { id: 'dirty', class: 'pill' }),
      el('p', { id: 'status', role: 'status', 'aria-live': 'polite' }),
      button(t('showHistory'), { id: 'open-history', class: 'btn ghost history-btn', onclick: openHistory, 'aria-haspopup': 'dialog' }),
      el('div', { class: 'actions' },
        button(ed.undone ? t('redo') : t('undo'), { id: 'undo', class: 'btn ghost', onclick: undo, title: ed.undone ? t('redoHint') : null }),
        button('', { id: 'show-preview', class: 'btn preview-toggle', 'aria-controls': 'preview-col form-col', onclick: togglePreview }),
        button(t('save'), { id: 'save', class: 'btn primary', onclick: save }),
        el('div', { id: 'notice', class: 'notice-region', role: 'status', 'aria-live': 'polite' }))),
    el('div', { id: 'banner' }),
    el('div', { class: 'editor-body' },
      el('div', { class: 'form-col', id: 'form-col' },
        el('nav', { class: 'sections', 'aria-label': t('sections') }, form.sections().map(([k, name]) => button(name, { class: 'chip',
          'data-section': k, onclick: () => form.focusSection(k) }))),
        el('div', { id: 'problems', tabindex: '-1' }),
        el('form', { id: 'editor-form', novalidate: true, autocomplete: 'off', onsubmit: (e) => { e.preventDefault(); save(); },
          onfocusin: followField }, form.el)),
      el('aside', { class: 'preview-col', id: 'preview-col', 'aria-labelledby': 'preview-title' },
        el('div', { class: 'preview-head' }, el('h2', { id: 'preview-title', text: t('preview') }),
          el('span', { id: 'preview-state', class: 'preview-state' }), ed.doc.paged ? pager() : null),
        editionPicker(),
        el('div', { id: 'preview-frame', class: 'preview-frame' }, img,
          el('img', { id: 'edition-preview', alt: '', hidden: true }),
          el('p', { class: 'preview-empty', id: 'preview-empty' }),
          el('div', { class: 'spinner', 'aria-hidden': 'true' }))))));
  paintPreviewToggle();
  setErrors(ed.errors);
  form.setClashes(ed.clashes);
  paintStatus();
  paintBanner();
  paintNotice();
  paintPreviewState();
  paintPager();
}
/** mountEditor, keeping the user where they were: the scroll, the focused field and its selection. */
function remount() {
  const a = document.activeElement;
  const f = a?.closest?.('#editor-form') ? a.dataset.field : null;
  const sel = f && typeof a.selectionStart === 'number' ? [a.selectionStart, a.selectionEnd] : null;
  const y = window.scrollY;
  mountEditor();
  window.scrollTo(0, y);
  const n = f ? app.querySelector(`#editor-form [data-field="${CSS.escape(f)}"]`) : null;
  if (!n) return;
  n.focus({ preventScroll: true });
  try { if (sel) n.setSelectionRange(...sel); } catch { /* a field without a text selection */ }
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
  ed.lastInput = Date.now();
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
  document.getElementById('status').textContent = Array.isArray(ed.status) ? t(...ed.status) : serverMessage(ed.status || '', LANG);
  document.getElementById('status').className = ed.statusKind || '';
  const save = document.getElementById('save');
  save.disabled = !ed.dirty || ed.saving;
  save.textContent = ed.saving ? t('saving') : t('save');
  document.title = `${ed.dirty ? '● ' : ''}${docTitle().main} · poster-gen studio`;
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
    el('strong', { text: `${t('problems', ed.errors.length)} — ${tk('fixList')}` }),
    el('ul', {}, ed.errors.map((e) => {
      const unknown = unknownKey(e);
      if (unknown) { // with the loader's guess, without its list of every key
        const said = unknown.suggestion ? e.message.replace(/; expected one of: [\s\S]*$/, '') : e.message;
        return el('li', { class: 'unknown-key' }, el('span', {}, el('code', { text: e.field }), ` ${serverMessage(said, LANG)}`), keyActions(unknown));
      }
      return el('li', {}, unplaced.includes(e) ? el('span', { text: serverMessage(e.where || e.message, LANG) })
        : el('button', { type: 'button', class: 'link', title: t('jump'), onclick: () => ed.form.focusField(e.field) },
          el('code', { text: e.field }), ` ${serverMessage(e.message, LANG)}`));
    }))));
}
/** A key the loader does not know (misspelt by hand): rename it to the one it guesses, or remove it. */
function keyActions({ key, suggestion }) {
  const path = parsePath(key);
  const to = suggestion ? [...path.slice(0, -1), suggestion] : null;
  const fix = (fn) => { // done: the problem goes from the list at once (the next preview checks again)
    fn();
    ed.errors = ed.errors.filter((e) => e.field !== key);
    remount();
    changed();
    document.getElementById('problems')?.focus({ preventScroll: true });
  };
  return el('span', { class: 'key-actions' },
    to && getIn(ed.data, to) === undefined ? button(t('renameKey', suggestion), { class: 'btn small', 'data-key-action': 'rename',
      onclick: () => fix(() => renameKey(ed.data, path, suggestion)) }) : null,
    button(t('removeKey'), { class: 'btn small ghost danger', 'data-key-action': 'remove', 'aria-label': `${t('removeKey')}: ${key}`,
      onclick: () => fix(() => setIn(ed.data, path, undefined)) }));
}
function paintBanner() {
  const box = document.getElementById('banner');
  if (!box) return;
  const b = ed.banner;
  box.replaceChildren(...(b ? [el('div', { class: `notice banner ${b.kind}`, role: 'alert' }, el('p', { text: b.text() }),
    el('div', { class: 'banner-actions' }, b.actions.map(([key, fn], i) => button(t(key), { class: `btn${i ? ' ghost' : ' primary'}`, onclick: fn }))))] : []));
}
/** The notice beside the actions (a colleague's save): in the viewport wherever the user has scrolled, read out as it appears. */
function paintNotice() {
  const box = document.getElementById('notice');
  if (!box) return;
  const n = ed.notice;
  box.replaceChildren(...(n ? [el('div', { class: `pop is-${n.kind}` },
    el('p', { text: n.text() }),
    el('div', { class: 'pop-actions' }, n.actions.map(([key, fn], i) => button(t(key), { class: `btn small${i ? ' ghost' : n.kind === 'clash' ? ' primary' : ''}`, onclick: fn }))))] : []));
}
function showNotice(notice) { // into an empty live region, a moment after it is drawn: screen readers announce it
  const mine = ed;
  ed.notice = null;
  paintNotice();
  setTimeout(() => { if (mine === ed) { ed.notice = notice; paintNotice(); } }, 80);
}
const dismissNotice = () => { ed.notice = null; paintNotice(); };

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
    r = await api('POST', previewSrc(ed.doc, width, ed.page), { body: ed.data, signal: ctl.signal, raw: true });
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
    // texts that do not fit: the picture shows them past their frames, marked; the list says where
    let over = [];
    try { over = JSON.parse(r.headers.get('X-Problems') || '[]') || []; } catch { over = []; }
    learn({ errors: over });
    let fits = {};
    try { fits = JSON.parse(r.headers.get('X-Capacity') || '{}') || {}; } catch { fits = {}; }
    // while a text runs past its frame, the counters keep what the frames held as last composed in
    // full (a frame that overflows says nothing true about its neighbours' room)
    if (!over.length || !Object.keys(ed.capacity || {}).length) ed.capacity = fits;
    if (ed.doc.paged) { // which page this is, of how many, and where each text is printed
      ed.pages = Number(r.headers.get('X-Pages')) || 0;
      try { ed.where = JSON.parse(r.headers.get('X-Field-Pages') || '{}') || {}; } catch { ed.where = {}; }
      paintPager();
    }
    ed.form?.setCapacity(ed.capacity); // the counters: what each frame holds as composed
    ed.overflow = over.length;
    setErrors(over);
  } else if (r.status === 422) {
    ed.overflow = 0;
    ed.previewStale = true;
    ed.previewError = null;
    setErrors(r.json.errors);
  } else {
    ed.previewStale = true;
    ed.previewError = r.json.error || `HTTP ${r.status}`;
  }
  paintPreviewState();
}
// other editions (Traditional Chinese, Japanese, Korean ...): the saved poster as `build --lang` prints it,
// in the preview's place while chosen (the form edits Chinese and English; translations come back through
// the round trip); back to the live preview with the first choice
function editionPicker() {
  return el('section', { class: 'edition-view', 'aria-labelledby': 'edition-title' },
    el('label', { id: 'edition-title', for: 'preview-edition', text: t(ed.doc.paged ? 'editionOtherBrochure' : 'editionOther') }),
    el('select', { id: 'preview-edition', onchange: showEdition },
      el('option', { value: '', text: t('editionLive') }),
      EDITIONS.filter((code) => code !== 'zh-en').map((code) => el('option', { value: code, text: t(`edition.${code}`) }))),
    el('p', { id: 'edition-state', class: 'preview-state', role: 'status' }),
    el('ul', { id: 'edition-errors', class: 'problems' }));
}
async function showEdition() {
  const code = document.getElementById('preview-edition').value;
  const img = document.getElementById('edition-preview');
  const live = document.getElementById('preview');
  const state = document.getElementById('edition-state');
  const list = document.getElementById('edition-errors');
  list.replaceChildren();
  if (ed.editionUrl) { URL.revokeObjectURL(ed.editionUrl); ed.editionUrl = null; }
  img.hidden = true;
  live.hidden = !!code; // the live preview (Chinese and English, as typed) while no other edition is chosen
  state.textContent = code ? t('editionLoading') : '';
  if (!code) return;
  const mine = ed;
  const width = previewWidth(document.getElementById('preview-frame')?.clientWidth, window.devicePixelRatio);
  const page = ed.doc.paged ? ed.page : 1;
  const base = ed.doc.kind === 'landmark' ? `/api/landmarks/${encodeURIComponent(ed.doc.key)}/edition.png` : '/api/campaign/edition.png';
  const r = await api('GET', `${base}?edition=${encodeURIComponent(code)}&width=${width}&page=${page}`, { raw: true });
  if (mine !== ed || document.getElementById('preview-edition')?.value !== code || (ed.doc.paged && ed.page !== page)) return;
  if (r.ok) {
    ed.editionUrl = URL.createObjectURL(r.blob);
    img.src = ed.editionUrl;
    img.alt = t(`edition.${code}`);
    img.hidden = false;
    state.textContent = t('editionSaved', t(`edition.${code}`));
  } else {
    state.textContent = '';
    learn({ errors: r.json?.errors || [] });
    list.replaceChildren(...(r.json?.errors || [{ where: r.json?.error || `HTTP ${r.status}` }]).map((e) =>
      el('li', { text: LANG === 'zh' && e.where_zh ? e.where_zh : e.where })));
  }
}
// a paged document (the brochure): the page shown, turned by the user or by the field they go to
function pager() {
  return el('div', { class: 'pager', role: 'group', 'aria-label': t('pages') },
    button('‹', { id: 'page-prev', class: 'btn small ghost', 'aria-label': t('prevPage'), title: t('prevPage'), onclick: () => turnTo(ed.page - 1) }),
    el('span', { id: 'page-no', class: 'page-no', 'aria-live': 'polite' }),
    button('›', { id: 'page-next', class: 'btn small ghost', 'aria-label': t('nextPage'), title: t('nextPage'), onclick: () => turnTo(ed.page + 1) }));
}
function paintPager() {
  const no = document.getElementById('page-no');
  if (!no) return;
  no.textContent = ed.pages ? t('pageOf', ed.page, ed.pages) : t('pageN', ed.page);
  document.getElementById('page-prev').disabled = ed.page <= 1;
  document.getElementById('page-next').disabled = !!ed.pages && ed.page >= ed.pages;
  document.getElementById('preview').alt = `${t('preview')} · ${no.textContent}`;
}
function turnTo(page) {
  if (!ed || page < 1 || (ed.pages && page > ed.pages) || page === ed.page) return;
  ed.page = page;
  paintPager();
  refreshPreview();
  if (document.getElementById('preview-edition')?.value) showEdition(); // the same page in the edition shown
}
/** The page holding the field the user went to, when the document is paged and it is printed elsewhere. */
function followField(e) {
  if (!ed?.doc.paged) return;
  const f = e.target.closest?.('[data-field]')?.dataset.field;
  if (f) turnTo(pageOf(ed.where, f.replace(/#.*$/, ''), ed.page));
}
function paintPreviewState() {
  const frame = document.getElementById('preview-frame');
  const state = document.getElementById('preview-state');
  if (!frame) return;
  frame.classList.toggle('updating', !!ed.updating);
  frame.classList.toggle('stale', !!ed.previewStale);
  frame.classList.toggle('empty', !ed.previewUrl);
  document.getElementById('preview-empty').textContent = ed.previewStale ? tk('noPreview') : t('loading');
  state.className = `preview-state${(ed.previewStale || ed.overflow) && !ed.updating ? ' warn' : ''}`;
  const first = ed.errors.find((e) => e.field);
  const goFirst = () => { if (ed.showPreview) togglePreview(); ed.form.focusField(first.field); };
  state.replaceChildren(ed.updating ? t('updating') : ed.previewError ? `${t('previewFailed')} ${serverMessage(ed.previewError, LANG)}`
    : !ed.previewStale && ed.overflow && first ? el('button', { type: 'button', class: 'link', onclick: goFirst, text: t('overflowWith', ed.overflow) })
    : ed.previewStale && first ? el('button', { type: 'button', class: 'link', onclick: () => { if (ed.showPreview) togglePreview(); ed.form.focusField(first.field); },
      text: t('staleWith', ed.errors.length) }) : ed.previewStale ? t('previewStale') : '');
}

// saving, undo, and a file changed elsewhere
async function save() {
  if (!ed || ed.saving || !ed.dirty) return;
  if (ed.clashes.length) { // nothing decided silently: the user picks theirs or mine first
    say(['chooseFirst', ed.clashes.length], 'error');
    goToClash();
    return;
  }
  ed.saving = true;
  paintStatus();
  const sent = JSON.stringify(ed.data);
  const mine = ed;
  const r = await api('PUT', ed.doc.api, { body: ed.data, etag: ed.etag });
  mine.saving = false;
  if (mine !== ed) return; // the user went elsewhere meanwhile; the save itself is done
  if (r.ok) {
    ed.gen++;
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
  } else if (r.status === 412) { // a colleague saved first: their version, merged with mine, clashes to choose
    say(['savedFirst'], 'error');
    await checkDisk(true);
  } else {
    say(r.status === 413 ? ['tooBig'] : r.json.error || `HTTP ${r.status}`, 'error');
  }
}
async function reloadFromDisk(message) {
  saveDraft(); // the user's typing survives the reload, as a draft they can put back
  const mine = ed;
  const r = await api('GET', ed.doc.api);
  if (mine !== ed) return;
  if (r.status === 422) { reopen(); return; }
  if (!r.ok) { say(r.json.error || `HTTP ${r.status}`, 'error'); return; }
  ed.gen++;
  Object.assign(ed, { data: r.json, etag: r.headers.get('ETag'), baseline: JSON.stringify(r.json), dirty: false, banner: null, errors: [],
    clashes: [], notice: null });
  offerDraft(true);
  mountEditor();
  if (message) say(Array.isArray(message) ? message : [message], 'ok');
  refreshPreview();
}
async function undo() {
  if (!ed) return;
  if (ed.dirty && !confirm(t('confirmUndo'))) return;
  const mine = ed;
  const r = await api('POST', `${ed.doc.api}/undo`, { etag: ed.etag });
  if (mine !== ed) return;
  if (r.ok) {
    localStorage.removeItem(draftKey(ed.doc.id));
    ed.dirty = false;
    const redo = ed.undone;
    ed.undone = !redo;
    await reloadFromDisk(redo ? 'redone' : 'undone');
  } else if (r.status === 409) say(['nothingToUndo'], 'info');
  else if (r.status === 412) await checkDisk();
  else say(r.json.error || `HTTP ${r.status}`, 'error');
}

// -- a colleague's save: watched for, merged in, clashes put to the user at the field ------------------
function watch() {
  clearTimeout(ed.watchTimer);
  const mine = ed;
  ed.watchTimer = setTimeout(async () => {
    if (mine !== ed) return;
    if (!document.hidden) await checkDisk();
    if (mine === ed) watch();
  }, WATCH_MS);
}
window.addEventListener('focus', () => { if (ed?.data) checkDisk(); });
// never under the user's fingers: not while a word is being composed (a Chinese input method), nor mid-typing
let composing = false;
document.addEventListener('compositionstart', () => { composing = true; });
document.addEventListener('compositionend', () => { composing = false; });
const typing = () => composing || Date.now() - (ed.lastInput || 0) < 1500;
/** Whether the file on disk is another version than the one the form was loaded from; if so, it is taken in. */
async function checkDisk(afterSave = false) {
  if (!ed || !ed.data || ed.checking || (!afterSave && (ed.saving || typing()))) return false;
  const mine = ed;
  const gen = ed.gen;
  ed.checking = true;
  try {
    const r = await api('GET', ed.doc.api);
    const tag = r.headers?.get('ETag');
    if (mine !== ed || gen !== ed.gen || !tag || tag === ed.etag) return false;
    if (!r.ok) { // changed, and it no longer reads: nothing to merge
      if (ed.brokenTag !== tag) {
        ed.brokenTag = tag;
        saveDraft();
        showNotice({ kind: 'broken', text: () => t('brokenOnDisk'),
          actions: [['showMistake', () => reopen()], ['dismiss', dismissNotice]] });
      }
      return true;
    }
    const who = await whoSaved(tag);
    if (mine !== ed || gen !== ed.gen || (!afterSave && typing())) return false;
    takeTheirs(r.json, tag, who);
    return true;
  } finally {
    mine.checking = false;
  }
}
async function whoSaved(tag) { // the name recorded with the version now on disk, if the studio saved it
  const r = await api('GET', `${ed.doc.api}/versions`);
  const v = r.ok ? (r.json.versions || []).find((x) => `"${x.etag}"` === tag) : null;
  return v?.who || null;
}
function takeTheirs(theirs, tag, who) {
  const { merged, clashes } = mergeClashes(JSON.parse(ed.baseline), ed.data, theirs);
  ed.gen++;
  ed.clashes = openClashes(ed.clashes, clashes.map((c) => ({ ...c, who })), theirs);
  Object.assign(ed, { data: merged, etag: tag, baseline: JSON.stringify(theirs), brokenTag: null });
  ed.dirty = JSON.stringify(ed.data) !== ed.baseline;
  remount();
  saveDraft();
  refreshPreview();
  const at = clock();
  showNotice({ kind: ed.clashes.length ? 'clash' : 'merged',
    text: () => [tk('theyChanged', who, at), ed.clashes.length ? t('clashCount', ed.clashes.length) : ed.dirty ? t('mergedIn') : t('updatedTo')]
      .join(LANG === 'zh' ? '' : ' '),
    actions: ed.clashes.length ? [['goToClash', goToClash], ['dismiss', dismissNotice]] : [['dismiss', dismissNotice]] });
}
function goToClash() {
  if (ed.showPreview) togglePreview();
  const b = document.querySelector('#editor-form .clash button');
  if (!b) return;
  const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
  b.closest('.clash').scrollIntoView({ behavior: still ? 'auto' : 'smooth', block: 'center' });
  b.focus({ preventScroll: true });
}
function chooseClash(c, side) {
  const f = fmtPath(c.path);
  if (side === 'theirs') {
    if (c.path.length) setIn(ed.data, c.path, c.theirs); else ed.data = c.theirs;
  }
  ed.clashes = ed.clashes.filter((x) => x !== c);
  ed.form.setClashes(ed.clashes);
  if (side === 'theirs') ed.form.redraw(f);
  const input = document.querySelector(`#editor-form [data-field="${CSS.escape(f)}"]`);
  if (input) input.focus();
  else goToClash();
  if (ed.notice?.kind === 'clash') {
    if (ed.clashes.length) paintNotice(); else dismissNotice();
  }
  changed();
}

// -- history: every save kept, any version put back -------------------------------------------------------
function openHistory() {
  if (!ed || document.getElementById('history')) return;
  const mine = ed;
  const opener = document.activeElement;
  const list = el('div', { class: 'versions-box' }, el('p', { class: 'loading', text: t('loading') }));
  const dlg = el('dialog', { id: 'history', class: 'history', 'aria-labelledby': 'history-title' },
    el('div', { class: 'history-head' }, el('h2', { id: 'history-title', text: t('historyTitle') }),
      el('button', { type: 'button', class: 'icon close', 'aria-label': t('close'), title: t('close'), text: '×', onclick: () => dlg.close() })),
    el('p', { class: 'history-intro', text: t('historyIntro') }),
    el('div', { class: 'who-row' },
      el('label', { for: 'who-name', text: t('yourName') }),
      el('input', { type: 'text', id: 'who-name', value: userName(), autocomplete: 'name', maxlength: '80', 'aria-describedby': 'who-hint',
        oninput: (e) => setUserName(e.target.value) }),
      el('p', { class: 'help', id: 'who-hint', text: t('yourNameHint') })),
    list);
  dlg.addEventListener('close', () => { dlg.remove(); if (opener?.isConnected) opener.focus(); });
  document.body.append(dlg);
  dlg.showModal();
  paintVersions(list, mine);
}
async function paintVersions(list, mine) {
  const r = await api('GET', `${mine.doc.api}/versions`);
  if (mine !== ed || !list.isConnected) return;
  if (!r.ok) { list.replaceChildren(errorBox(t('historyFailed'), serverMessage(r.json.error || `HTTP ${r.status}`, LANG))); return; }
  const kept = r.json.versions || [];
  if (!kept.length) { list.replaceChildren(el('p', { class: 'empty-note', text: t('noVersions') })); return; }
  list.replaceChildren(el('ol', { class: 'versions' }, kept.map((v) => versionRow(v, list, mine))));
}
function versionRow(v, list, mine) {
  const current = `"${v.etag}"` === mine.etag;
  const when = new Date(v.when);
  const parts = summaryParts(versionSummary(v.summary, LANG));
  const actions = el('div', { class: 'v-actions' });
  const offer = () => actions.replaceChildren(current ? el('span', { class: 'badge pass', text: t('current') })
    : button(t('restoreVersion'), { class: 'btn small', 'data-restore': String(v.number), 'aria-label': `${t('restoreVersion')}: ${t('versionN', v.number)}`,
      onclick: ask }));
  function ask() {
    const yes = button(t('restoreYes'), { class: 'btn small primary', 'data-restore-yes': String(v.number), onclick: () => putBack(yes) });
    actions.replaceChildren(el('div', { class: 'v-confirm', role: 'group', 'aria-label': t('restoreAsk', v.number) },
      el('p', {}, el('strong', { text: t('restoreAsk', v.number) }), ` ${t('restoreNote')}${mine.dirty ? ` ${t('restoreDirty')}` : ''}`),
      el('div', { class: 'v-confirm-actions' }, yes,
        button(t('cancel'), { class: 'btn small ghost', onclick: () => { offer(); actions.querySelector('button')?.focus(); } }))));
    yes.focus();
  }
  async function putBack(yes) {
    yes.disabled = true;
    const r = await api('POST', `${mine.doc.api}/versions/${v.number}/restore`, { etag: mine.etag });
    if (mine !== ed) return;
    if (!r.ok) {
      actions.append(el('p', { class: 'error-msg', role: 'alert', text: serverMessage(r.json.error || `HTTP ${r.status}`, LANG) }));
      yes.disabled = false;
      return;
    }
    document.getElementById('history')?.close();
    if (!ed.data) { reopen(); return; } // a broken file: open what was put back
    ed.undone = false; // unsaved edits: kept aside as a draft by reloadFromDisk, offered back
    await reloadFromDisk(['restored', v.number]);
  }
  offer();
  return el('li', { class: `version${current ? ' current' : ''}`, 'data-version': String(v.number) },
    el('div', { class: 'v-head' },
      el('span', { class: 'v-num', text: t('versionN', v.number) }),
      el('time', { datetime: v.when, text: Number.isNaN(when.getTime()) ? v.when
        : when.toLocaleString(locale(LANG), { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }) }),
      el('span', { class: `v-who${v.who ? ' user-data' : ' anon'}`, text: v.who || t('someone') })),
    el('p', { class: 'v-summary' }, parts.field ? [el('code', { text: parts.field }), ` ${parts.change}`] : parts.change),
    actions);
}

document.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's' && ed) { e.preventDefault(); save(); }
});

paintFrame();
route();
