// The hero image in the editor: the picture's field (its path, a thumbnail, "Upload picture…" and
// "Remove picture") and, once there is a picture, the focal-point picker of its `_focus` field.
// A field `<name>_image` is a picture; its sibling `<name>_focus` ({x, y} in 0..1) is the point the
// layout keeps in view when it crops the picture. The upload is checked on the server as the build
// checks it (POST /api/landmarks/<slug>/image); on 201 its path goes into the field and the form
// changes as if typed (the preview follows, Save is offered); a refusal is shown at the field.
// The pictures are shown through /api/assets/<path under assets/>. The top of this module is pure
// (tested by node); the widgets at the bottom are built by form.js, which hands them its helpers.
import { fmtPath } from './paths.js';
import { learn, serverMessage } from './words.js';

/** The picture types the build prints, as the upload route takes them. */
export const PICTURE_TYPES = ['image/jpeg', 'image/png', 'image/tiff'];
/** The largest picture the build reads (load/assets.py MAX_FILE_BYTES). */
export const MAX_PICTURE_MB = 80;
const BY_SUFFIX = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', tif: 'image/tiff', tiff: 'image/tiff' };

const lastKey = (path) => path[path.length - 1];
/** Whether the field at `path` names a picture: a key ending in `_image` ('hero_image'). */
export const isPicturePath = (path) => typeof lastKey(path) === 'string' && /.+_image$/.test(lastKey(path));
/** The focal point's field of a picture's: ['hero_image'] -> ['hero_focus']. */
export const focusPathFor = (path) => [...path.slice(0, -1), lastKey(path).replace(/_image$/, '_focus')];
/** The picture's field of a focal point's: ['hero_focus'] -> ['hero_image'], else null. */
export const picturePathFor = (path) => (typeof lastKey(path) === 'string' && /.+_focus$/.test(lastKey(path))
  ? [...path.slice(0, -1), lastKey(path).replace(/_focus$/, '_image')] : null);

/** Whether a (resolved) schema is a focal point: an object of x and y, each a number from 0 to 1. */
export function isFocusSchema(s) {
  const p = s?.properties;
  if (!p || s.type !== 'object' || Object.keys(p).sort().join() !== 'x,y') return false;
  return ['x', 'y'].every((k) => p[k].type === 'number' && p[k].minimum === 0 && p[k].maximum === 1);
}

/** The MIME type to send a chosen file as: the browser's, else by its name's suffix; null if the build cannot print it. */
export function pictureType(name, type) {
  if (PICTURE_TYPES.includes(type)) return type;
  if (type) return null;
  return BY_SUFFIX[String(name).toLowerCase().match(/\.([a-z]+)$/)?.[1]] || null;
}

/** Where the page shows a picture of the project: `assets/...` -> '/api/assets/...?width=N'; null for any other name. */
export function assetSrc(ref, width = 400) {
  const m = typeof ref === 'string' ? ref.trim().match(/^(?:\.\/)?assets\/(.+)$/) : null;
  if (!m || /[\\\0]/.test(m[1]) || !/\.(jpe?g|png|tiff?)$/i.test(m[1])) return null;
  const parts = m[1].split('/');
  if (parts.some((p) => !p || p.startsWith('.'))) return null;
  return `/api/assets/${parts.map(encodeURIComponent).join('/')}?width=${width}`;
}

const clamp01 = (v) => Math.min(1, Math.max(0, v));
const round2 = (v) => Math.round(v * 100) / 100;
/** A focal point as the model reads it: x and y from 0 to 1 (a missing or wrong one: the centre). */
export function pointOf(focus) {
  const one = (v) => (typeof v === 'number' && Number.isFinite(v) ? clamp01(v) : 0.5);
  return { x: one(focus?.x), y: one(focus?.y) };
}
/** The point clicked at (clientX, clientY) on a picture drawn in `rect`, to 0.01. */
export function pointAt(clientX, clientY, rect) {
  if (!rect || !(rect.width > 0) || !(rect.height > 0)) return null;
  return { x: round2(clamp01((clientX - rect.left) / rect.width)), y: round2(clamp01((clientY - rect.top) / rect.height)) };
}
const STEPS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
/** The point moved by an arrow key (0.01, or 0.1 with `big`); null for any other key. */
export function nudge(focus, key, big = false) {
  const step = STEPS[key];
  if (!step) return null;
  const { x, y } = pointOf(focus);
  const by = big ? 0.1 : 0.01;
  return { x: round2(clamp01(x + step[0] * by)), y: round2(clamp01(y + step[1] * by)) };
}
/** A point as whole percentages, as the page says it. */
export const percents = (focus) => { const { x, y } = pointOf(focus); return [Math.round(x * 100), Math.round(y * 100)]; };

/** The server's words for a refused upload: a 422's errors, else its one error. */
export function refusalMessages(status, json) {
  const errors = Array.isArray(json?.errors) ? json.errors.map((e) => e?.message).filter(Boolean) : [];
  if (errors.length) return errors;
  return [json?.error || `HTTP ${status}`];
}
/** A refusal naming the file as the user chose it, not the name it would have been kept under. */
export const namedAs = (message, fileName) => String(message)
  .replace(/^'?assets\/images\/[a-z0-9-]+-hero-[0-9a-f]{12}\.(?:jpg|png|tif)'?(?= )/, fileName || '$&');
/** Whether a refusal is about the resolution (the picture too small to print sharp). Its messages: the
 * server's (text) and the page's own ([key, ...args] of words.js). */
export const tooSmall = (messages) => messages.some((m) => typeof m === 'string' && / ppi at its placed size /.test(m));

// -- the widgets -----------------------------------------------------------------------------------
// Each takes `ctx` from form.js: { el, t, lang, data, path, p, get, set, changed, uid, slug, redraw }
// (`get`/`set` at a path, `changed(path)` tells the page, `redraw(p)` draws a field again).
// Kept per data object (the form is drawn again on a language switch, over the same data): the last
// upload's outcome of each field, and the control drawn last (an upload finishing after a redraw
// shows in the control on the page).
const notes = new WeakMap();
const drawn = new WeakMap();
const mapOf = (store, data) => { if (!store.has(data)) store.set(data, new Map()); return store.get(data); };

/** The picture's control: `text` (its path, typed: form.js's text control), thumbnail, upload and remove. */
export function pictureControl(ctx, text) {
  const { el, t, path, p } = ctx;
  const kept = mapOf(notes, ctx.data);
  const input = text.querySelector('input,textarea');
  const fileId = ctx.uid('file');
  const thumb = el('img', { class: 'picture-thumb', alt: t('pictureThumb'), hidden: true });
  thumb.addEventListener('load', () => { thumb.hidden = false; });
  thumb.addEventListener('error', () => { thumb.hidden = true; });
  const status = el('p', { class: 'upload-status', id: ctx.uid('ups'), role: 'status' });
  const refusal = el('div', { class: 'upload-error', id: ctx.uid('upe'), role: 'alert' });
  const file = el('input', { type: 'file', id: fileId, class: 'file-input', accept: PICTURE_TYPES.join(','), 'data-field': `${p}#upload`,
    'aria-describedby': `${status.id} ${refusal.id}` });
  const clear = el('button', { type: 'button', class: 'btn small ghost danger', 'data-field': `${p}#clear`, text: t('removePicture') });
  const box = el('div', { class: 'picture-control' }, thumb,
    el('div', { class: 'picture-main' }, text,
      el('div', { class: 'picture-actions' },
        el('span', { class: 'file-pick' }, el('label', { for: fileId, class: 'btn small', text: t('uploadPicture') }), file),
        clear),
      el('p', { class: 'help picture-hint', text: t('pictureHint') }), status, refusal));

  const show = () => { // the thumbnail, the Remove button and the last upload's outcome, in the language shown
    const ref = ctx.get(path);
    const src = assetSrc(ref, 200);
    if (!src) { thumb.hidden = true; thumb.removeAttribute('src'); } else if (thumb.getAttribute('src') !== src) thumb.src = src;
    clear.hidden = ref == null || ref === '';
    const note = kept.get(p);
    status.textContent = note?.busy ? t('checkingPicture') : note?.ok ? t('pictureAdded') : '';
    refusal.replaceChildren(...(note?.refused ? [el('p', { class: 'error-msg' }, el('span', {},
      el('strong', { text: tooSmall(note.refused) ? t('tooSmallToPrint') : t('pictureRefused') }), ' ',
      note.refused.map((m) => (Array.isArray(m) ? t(...m) : serverMessage(m, ctx.lang()))).join(' ')))] : []));
    box.classList.toggle('refused', !!note?.refused);
  };
  const put = (ref) => { // a new picture (or none): the field, the page, the focal point's picker
    ctx.set(path, ref || undefined);
    input.value = ref || '';
    text.update?.();
    ctx.changed(path);
    show();
    ctx.redraw(fmtPath(focusPathFor(path)));
  };

  const me = { show, put };
  mapOf(drawn, ctx.data).set(p, me);
  const current = () => mapOf(drawn, ctx.data).get(p) || me;
  let timer;
  input.addEventListener('input', () => { // typed: empty is no picture; the rest follows when the typing stops
    if (!input.value.trim()) { ctx.set(path, undefined); ctx.changed(path); }
    kept.delete(p);
    clearTimeout(timer);
    timer = setTimeout(() => { show(); ctx.redraw(fmtPath(focusPathFor(path))); }, 500);
  });
  clear.addEventListener('click', () => {
    kept.delete(p);
    put(undefined);
    file.focus();
  });
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    file.value = ''; // the same file chosen again is a new attempt
    if (!chosen || kept.get(p)?.busy) return;
    const type = pictureType(chosen.name, chosen.type);
    const local = !type ? ['pictureType'] : chosen.size > MAX_PICTURE_MB * 1024 * 1024 ? ['pictureTooBig', MAX_PICTURE_MB] : null;
    if (local) { kept.set(p, { refused: [local] }); show(); return; }
    kept.set(p, { busy: true });
    show();
    let r;
    let json = {};
    try {
      r = await fetch(`/api/landmarks/${encodeURIComponent(ctx.slug() || '')}/image`, { method: 'POST', headers: { 'Content-Type': type }, body: chosen });
      json = await r.json().catch(() => ({}));
      learn(json);
    } catch {
      r = null;
    }
    if (r?.status === 201 && typeof json.path === 'string') {
      kept.set(p, { ok: true });
      current().put(json.path); // in the control on the page (the form may have been drawn again meanwhile)
      return;
    }
    kept.set(p, { refused: r ? refusalMessages(r.status, json).map((m) => namedAs(m, chosen.name)) : [['offline']] });
    current().show();
  });
  show();
  return box;
}

/** The focal point's picker, put into the `_focus` field's `wrap` when its picture is set. */
export function focusPicker(ctx, wrap) {
  const { el, t, path, p } = ctx;
  const ref = ctx.get(picturePathFor(path));
  const src = assetSrc(ref, 800);
  const img = el('img', { class: 'focus-img', alt: '', draggable: 'false' });
  const mark = el('span', { class: 'focus-mark', 'aria-hidden': 'true' });
  const note = el('p', { class: 'help focus-note', text: t('pictureNotShown'), hidden: true });
  const surface = el('div', { class: `focus-surface${src ? ' loading' : ' broken'}`, tabindex: '0', role: 'slider', 'data-field': `${p}#point`,
    'aria-label': t('focusPicker'), 'aria-roledescription': t('focusPickerRole'), 'aria-valuemin': '0', 'aria-valuemax': '100' }, img, mark);
  img.addEventListener('load', () => surface.classList.remove('loading'));
  img.addEventListener('error', () => { surface.classList.replace('loading', 'broken'); note.hidden = false; });
  if (src) img.src = src; else note.hidden = false;
  const hint = el('p', { class: 'help focus-hint', id: ctx.uid('fh'), text: t('focusHint') });
  surface.setAttribute('aria-describedby', hint.id);
  const picker = el('div', { class: 'focus-picker' }, surface, note, hint);

  const number = (k) => wrap.querySelector(`[data-field="${CSS.escape(`${p}.${k}`)}"]`);
  const paint = () => {
    const focus = ctx.get(path);
    const [x, y] = percents(focus);
    mark.style.left = `${x}%`;
    mark.style.top = `${y}%`;
    surface.classList.toggle('default', focus == null);
    surface.setAttribute('aria-valuenow', String(x));
    surface.setAttribute('aria-valuetext', t('focusValue', x, y));
  };
  const put = (pt) => {
    if (!pt) return;
    const focus = ctx.get(path);
    if (focus && typeof focus === 'object') { ctx.set([...path, 'x'], pt.x); ctx.set([...path, 'y'], pt.y); } else ctx.set(path, { ...pt });
    for (const k of ['x', 'y']) { const n = number(k); if (n) n.value = String(pt[k]); }
    paint();
    ctx.changed(path);
  };
  const rect = () => (img.complete && img.naturalWidth ? img : surface).getBoundingClientRect();
  let dragging = false;
  surface.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    e.preventDefault();
    surface.focus({ preventScroll: true });
    dragging = true;
    surface.setPointerCapture?.(e.pointerId);
    put(pointAt(e.clientX, e.clientY, rect()));
  });
  surface.addEventListener('pointermove', (e) => { if (dragging) put(pointAt(e.clientX, e.clientY, rect())); });
  const stop = () => { dragging = false; };
  surface.addEventListener('pointerup', stop);
  surface.addEventListener('pointercancel', stop);
  surface.addEventListener('keydown', (e) => {
    const to = nudge(ctx.get(path), e.key, e.shiftKey);
    if (!to) return;
    e.preventDefault();
    put(to);
  });
  wrap.addEventListener('input', (e) => { if (e.target.matches?.('input[type=number]')) paint(); }); // typed numbers: the mark follows
  paint();
  wrap.classList.add('has-focus-picker');
  const box = wrap.querySelector(':scope > .field-box');
  const body = box?.querySelector(':scope > .object');
  if (body) box.insertBefore(picker, body); else wrap.append(picker);
  return picker;
}
