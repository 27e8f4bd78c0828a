// A form generated from a JSON Schema (draft 2020-12, $defs + $ref): no per-field code.
// The value is one plain object, edited in place. Every input carries data-field="<dotted.path>"
// and every field's wrapper data-path="<dotted.path>", so the server's errors land where they belong.
// Two widgets refer to project resources and are keyed by name: the theme picker and the motif selects.
// Importing this module does nothing: the schema reading is schema.js, paths are paths.js, words are words.js.
import { fmtPath, getIn, parentOf, setIn } from './paths.js';
import { SCALARS, enumLabel, helpText, isObj, schemaHelpers } from './schema.js';
import { counterState, editSlug } from './views.js';
import { focusPicker, isFocusSchema, isPicturePath, pictureControl, picturePathFor } from './image.js';
import { cmyk, humanize, lcFirst, serverMessage, singular, summaryOf as summaryIn } from './words.js';

export function el(tag, attrs = {}, ...kids) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') n.className = v;
    else if (k === 'text') n.textContent = v;
    else if (k === 'value') n.value = v;
    else if (k === 'style') Object.assign(n.style, v); // an object, set through the CSSOM: the CSP refuses style="" text
    else if (k.startsWith('on')) n.addEventListener(k.slice(2), v);
    else if (k in n && typeof v !== 'string') n[k] = v;
    else n.setAttribute(k, v === true ? '' : v);
  }
  for (const kid of kids.flat()) if (kid != null && kid !== false) n.append(kid);
  return n;
}

function rerenderNear(n) { // re-draw the nearest part of the form that knows how
  while (n && !n.rerender) n = n.parentElement;
  return n ? n.rerender() : null;
}
const grow = (n) => { n.style.height = 'auto'; n.style.height = `${n.scrollHeight + 2}px`; }; // a textarea as tall as its text
let growTimer;
let regrowing = false;
function regrowOnResize() { // textareas follow the window's width: one listener, added by the first form
  if (regrowing) return;
  regrowing = true;
  window.addEventListener('resize', () => {
    clearTimeout(growTimer);
    growTimer = setTimeout(() => document.querySelectorAll('textarea.grow').forEach(grow), 100);
  });
}
const focusIn = (n) => n?.querySelector('input:not([type=radio]),textarea,select,input')?.focus();

// `capacity`: what each text field's frame holds as composed ({'ambition.en': 120}), from the last
// preview; `onClash(clash, 'theirs' | 'mine')`: the user's choice where a colleague and they changed
// the same field (the clashes are given by setClashes). `slug`: the landmark's (for its picture's
// upload; by default the one the page's address names).
export function createForm({ schema, data, info, t, lang, onChange, capacity: fits = {}, onClash, slug }) {
  regrowOnResize();
  const { strip, typeOf, bilingual, kind, enumValues, empty, matches } = schemaHelpers(schema);
  const stash = new Map(); // the other shape of a toggled value, so toggling back loses nothing
  let errors = [];
  let clashes = [];
  let capacity = fits || {};
  let seq = 0;
  const uid = (p) => `${p}${++seq}`;

  // -- the value -------------------------------------------------------------------------------
  const get = (path) => getIn(data, path);
  const set = (path, v) => setIn(data, path, v); // creates missing parents; undefined removes the key
  const changed = (path) => onChange && onChange(path);

  // -- words -----------------------------------------------------------------------------------
  const label = (key) => t(`field.${key}`, null) || humanize(key);
  const itemName = (key) => t(`item.${key}`, null) || singular(label(key));
  const help = (s, own) => { // in the language shown: the schema has each field's help in Chinese too
    const d = helpText(s, own, lang());
    return d ? el('p', { class: 'help', text: d }) : null;
  };
  const choiceName = (s, x) => (lang() === 'zh' ? enumLabel(s, x, 'zh') || t(`enum.${x}`, null)
    : t(`enum.${x}`, null) || enumLabel(s, x, 'en')) || String(x);
  const summaryOf = (v) => summaryIn(v, lang()); // a short line for an item's header: the texts inside it

  // -- fields ----------------------------------------------------------------------------------
  // field(): a named value inside an object, with its label; optional ones can be added and removed.
  function field(raw, path, { key, required, top }) {
    const s = strip(raw);
    const p = fmtPath(path);
    const k = kind(s);
    const v = get(path);
    const optional = !required && (s.default === undefined || s.default === null);
    const shown = pictureShown(s, path); // a picture's field, and its focal point's once there is a picture: shown when not given too
    const wrap = el('div', { class: `field kind-${k}${top ? ' section' : ''}`, 'data-path': p, id: top ? `sec-${key}` : null });
    wrap.rerender = () => { const n = field(raw, path, { key, required, top }); wrap.replaceWith(n); applyMarks(); return n; };
    const own = ['bilingual', 'same-or-different', 'string', 'integer', 'number', 'boolean', 'enum'].includes(k);
    if (optional && v == null && !shown) {
      wrap.classList.add('absent');
      wrap.append(el('div', { class: 'absent-row' },
        el('button', { type: 'button', class: 'add-optional', 'data-field': `${p}#add`,
          text: t('addField', lcFirst(label(key))), onclick: () => { set(path, stash.get(`removed:${p}`) ?? empty(s)); changed(path); focusIn(wrap.rerender()); } }),
        help(s, own)));
      return wrap;
    }
    const removeBtn = optional && v != null && !isPicturePath(path) ? el('button', { type: 'button', class: 'link danger remove-optional', 'data-field': `${p}#remove`,
      text: t('removeField', lcFirst(label(key))), onclick: () => { // adding it back brings back what was there
        stash.set(`removed:${p}`, get(path)); set(path, undefined); changed(path); rerenderNear(wrap)?.querySelector('button')?.focus();
      } }) : null;
    if (k === 'boolean') {
      const id = uid('f');
      wrap.append(el('div', { class: 'check' },
        el('input', { type: 'checkbox', id, 'data-field': p, checked: v === true || (v === undefined && s.default === true),
          onchange: (e) => { set(path, e.target.checked); changed(path); } }),
        el('label', { for: id, text: label(key) }), removeBtn), help(s, true));
      return wrap;
    }
    const body = control(s, path, key);
    if (top && SCALARS.includes(k) && !body.matches('.theme-control,.picture-control')) wrap.classList.add('scalar');
    const first = body.querySelector('input,select,textarea');
    const labelled = first && first.type !== 'radio' && !['object', 'array', 'map', 'bilingual'].includes(k);
    const name = el(labelled ? 'label' : 'span', { class: 'field-label', for: labelled ? first.id : null, id: uid('l'), text: label(key) });
    const head = el(k === 'object' ? 'legend' : 'div', { class: 'field-head' },
      top ? el('h2', { class: 'section-title', tabindex: '-1' }, name) : name, // a section's heading: where its button takes focus
      k === 'array' ? el('span', { class: 'count', text: s.maxItems ? `${(v || []).length} / ${s.maxItems}` : String((v || []).length) }) : null,
      removeBtn);
    if (!labelled) body.setAttribute('aria-labelledby', name.id);
    wrap.append(el(k === 'object' ? 'fieldset' : 'div', { class: 'field-box' }, head, help(s, own), body));
    if (shown && isFocusSchema(s)) focusPicker(pictureCtx(path), wrap);
    return wrap;
  }

  // control(): the editor of one value, without its label.
  // `name`: the control's accessible name where no label of its own names it (an item of a list:
  // "Motif 2"); by default the field's label. A labelled field's <label for> names it as well.
  function control(s, path, key, name = label(key)) {
    s = strip(s);
    const k = kind(s);
    const special = resource(s, path, key, name);
    if (special) return special;
    switch (k) {
      case 'object': return objectControl(s, path);
      case 'bilingual': return bilingualControl(s, path, key, name);
      case 'same-or-different': return sameOrDifferent(s, path, key, name);
      case 'array': return arrayControl(s, path, key);
      case 'map': return mapControl(s, path, key);
      case 'union': return unionControl(s, path, key, name);
      case 'enum': return select(path, enumValues(s).map((x) => [x, choiceName(s, x)]), { current: get(path) ?? s.default, name });
      case 'boolean': return el('input', { type: 'checkbox', id: uid('f'), 'data-field': fmtPath(path), checked: get(path) === true, 'aria-label': name,
        onchange: (e) => { set(path, e.target.checked); changed(path); } });
      case 'integer': case 'number': return numberInput(s, path, k, name);
      default: return textInput(s, path, { ariaLabel: name });
    }
  }

  function objectControl(s, path) {
    const req = new Set(s.required || []);
    return el('div', { class: 'object' }, Object.entries(s.properties)
      .filter(([, sub]) => !sub.readOnly)
      .map(([k, sub]) => field(sub, [...path, k], { key: k, required: req.has(k), top: path.length === 0 })));
  }

  function textInput(s, path, { lang: lg, ariaLabel, prose } = {}) {
    const max = s.maxLength;
    const long = max > 80;
    const v = get(path);
    const p = fmtPath(path);
    const input = el(long ? 'textarea' : 'input', {
      id: uid('f'), 'data-field': p, type: long ? null : s.format === 'uri' ? 'url' : 'text', class: long ? 'grow' : null,
      rows: long ? (prose && max >= 200 ? 3 : 1) : null, value: v == null ? '' : String(v), lang: lg, 'aria-label': ariaLabel,
      spellcheck: lg === 'en' ? 'true' : 'false',
    });
    // the counter: the length against what the frame holds as composed (the last preview's), else the schema's limit;
    // seen as "12/23", read out with the field as a sentence (its description)
    const shown = el('span', { 'aria-hidden': 'true' });
    const spoken = el('span', { class: 'sr-only', id: uid('c') });
    const counter = max ? el('span', { class: 'counter' }, shown, spoken) : null;
    if (counter) { input.dataset.describedby = spoken.id; input.setAttribute('aria-describedby', spoken.id); }
    const update = () => {
      if (counter) {
        const n = [...input.value].length;
        const refused = errors.some((e) => e.field === p);
        const c = counterState(n, max, capacity[p], refused);
        counter.hidden = !c.fromPreview && max >= 600; // a free text not on the poster: no counter
        shown.textContent = `${n}/${c.limit}`;
        spoken.textContent = c.fromPreview ? t('countFit', n, c.limit) : t('countMax', n, c.limit);
        counter.classList.toggle('over', c.level === 'over');
        counter.classList.toggle('near', c.level === 'near');
        counter.classList.toggle('fits', c.fromPreview);
      }
      if (long && input.isConnected) grow(input);
    };
    input.addEventListener('input', () => { set(path, input.value); update(); changed(path); });
    update();
    requestAnimationFrame(update);
    const box = el('div', { class: `text-control${long ? ' long' : ''}` }, input, counter);
    box.update = update;
    return box;
  }

  function numberInput(s, path, k, name) {
    const v = get(path);
    return el('input', {
      type: 'number', id: uid('f'), class: 'number', 'data-field': fmtPath(path), value: v == null ? '' : String(v), 'aria-label': name,
      min: s.minimum ?? s.exclusiveMinimum, max: s.maximum ?? s.exclusiveMaximum, step: k === 'integer' ? '1' : 'any',
      placeholder: s.default != null ? String(s.default) : null,
      oninput: (e) => {
        const raw = e.target.value.trim();
        const n = k === 'integer' ? parseInt(raw, 10) : parseFloat(raw);
        set(path, raw === '' || Number.isNaN(n) ? null : n);
        changed(path);
      },
    });
  }

  function select(path, options, { onpick, cls, current = get(path), name } = {}) {
    const opts = options.map(([x, text, title]) => el('option', { value: JSON.stringify(x), text, title, selected: x === current }));
    if (current !== undefined && !options.some(([x]) => x === current)) {
      opts.unshift(el('option', { value: JSON.stringify(current), text: `${current} (${t('unknown')})`, selected: true }));
    }
    return el('select', { id: uid('f'), class: cls, 'data-field': fmtPath(path), 'aria-label': name,
      onchange: (e) => { const x = JSON.parse(e.target.value); set(path, x); changed(path); onpick && onpick(x); } }, opts);
  }

  function bilingualControl(s, path, key, name = label(key)) {
    return el('div', { class: 'bilingual' }, ['zh', 'en'].map((lg) => {
      const sub = strip(s.properties[lg]);
      const language = t(lg === 'zh' ? 'langZh' : 'langEn');
      return el('div', { class: 'lang-input', 'data-lang': lg }, el('span', { class: 'lang-tag', 'aria-hidden': 'true', text: language }),
        textInput(sub, [...path, lg], { lang: lg === 'zh' ? 'zh-Hans' : 'en', ariaLabel: `${name} (${language})`, prose: true }));
    }));
  }

  function sameOrDifferent(s, path, key, name = label(key)) { // value: "200+" or {zh: "300–500", en: "30–50"}
    const alts = s.anyOf.map(strip);
    const biS = alts.find((a) => bilingual(a));
    const strS = alts.find((a) => !bilingual(a));
    const p = fmtPath(path);
    const different = isObj(get(path));
    const box = el('div', { class: 'same-or-different' });
    box.rerender = () => { const n = sameOrDifferent(s, path, key, name); box.replaceWith(n); applyMarks(); return n; };
    const toggle = el('div', { class: 'segmented', role: 'group', 'aria-label': name });
    for (const [mode, text] of [['same', t('sameBoth')], ['different', t('differentEach')]]) {
      toggle.append(el('button', { type: 'button', 'data-field': `${p}#${mode}`, 'aria-pressed': String((mode === 'different') === different), text,
        onclick: () => {
          const now = get(path);
          if ((mode === 'different') === isObj(now)) return;
          if (mode === 'different') {
            const back = stash.get(p);
            set(path, back && (back.zh === now || back.en === now) ? back : { zh: now || '', en: now || '' });
          } else {
            stash.set(p, now);
            set(path, now.zh || now.en || '');
          }
          changed(path);
          box.rerender().querySelector(`[data-field="${CSS.escape(`${p}#${mode}`)}"]`)?.focus();
        } }));
    }
    box.append(toggle, different ? bilingualControl(biS, path, key, name) : textInput(strS, path, { ariaLabel: name }));
    return box;
  }

  function arrayControl(s, path, key) {
    const items = s.items || {};
    const ik = kind(items);
    const simple = !['object', 'array', 'map', 'union'].includes(ik);
    const list = Array.isArray(get(path)) ? get(path) : [];
    const min = s.minItems || 0;
    const max = s.maxItems ?? Infinity;
    const redo = (i, sel) => {
      changed(path);
      const n = rerenderNear(ol);
      const item = n?.querySelector('.items')?.children[i];
      const b = sel && item?.querySelector(sel);
      if (b && !b.disabled) b.focus(); else focusIn(item);
    };
    const ol = el('ol', { class: 'items' }, list.map((v, i) => {
      const name = `${itemName(key)} ${i + 1}`;
      const tool = (action, text, title, disabled, fn) => el('button', { type: 'button', class: `icon${action === 'remove' ? ' danger' : ''}`,
        'data-action': action, 'data-field': `${fmtPath([...path, i])}#${action}`, title, 'aria-label': `${title}: ${name}`, disabled, text, onclick: fn });
      const tools = el('div', { class: 'item-tools' },
        tool('up', '↑', t('moveUp'), i === 0, () => { list.splice(i - 1, 0, list.splice(i, 1)[0]); redo(i - 1, '[data-action=up]'); }),
        tool('down', '↓', t('moveDown'), i === list.length - 1, () => { list.splice(i + 1, 0, list.splice(i, 1)[0]); redo(i + 1, '[data-action=down]'); }),
        tool('remove', '×', list.length <= min ? t('atLeast', min) : t('remove'), list.length <= min, () => { list.splice(i, 1); redo(Math.min(i, list.length - 1)); }));
      const summary = simple ? null : el('span', { class: 'item-summary', text: summaryOf(v) });
      const head = el('div', { class: 'item-head' }, el('span', { class: 'item-label', text: simple ? String(i + 1) : name }), summary, tools);
      return el('li', { class: `item${simple ? ' simple-item' : ''}`, 'data-path': fmtPath([...path, i]),
        oninput: summary ? () => { summary.textContent = summaryOf(list[i]); } : null }, head, control(items, [...path, i], key, simple ? name : label(key)));
    }));
    const add = el('button', { type: 'button', class: 'add-item', 'data-field': `${fmtPath(path)}#add`, disabled: list.length >= max,
      title: list.length >= max ? t('atMost', max) : null, text: t('addItem', lcFirst(itemName(key))),
      onclick: () => {
        if (!Array.isArray(get(path))) set(path, list);
        const unused = kind(items) === 'string' && motifChoices([...path, list.length], key)?.find((n) => !list.includes(n));
        list.push(unused || empty(items));
        redo(list.length - 1);
      } });
    return el('div', { class: `array${simple ? ' simple' : ''}` }, ol, list.length ? null : el('p', { class: 'empty-note', text: t('noneYet') }), add);
  }

  function mapControl(s, path, key) {
    const obj = isObj(get(path)) ? get(path) : {};
    const valS = isObj(s.additionalProperties) ? s.additionalProperties : {};
    const names = keyChoices(path);
    const listId = names ? uid('dl') : null;
    const named = (n) => (lang() === 'zh' && info.motifs?.[n]?.name_zh) || null; // a motif's Chinese name beside its own
    const box = el('div', { class: 'map' }, names ? el('datalist', { id: listId }, names.map((n) => el('option', { value: n, label: named(n) }))) : null);
    const redo = () => { changed(path); return rerenderNear(box); };
    for (const k of Object.keys(obj)) {
      const epath = [...path, k];
      const es = strip(entrySchema(path, k) || valS);
      const ek = kind(es);
      const keyInput = el('input', { type: 'text', class: 'map-key', list: listId, value: k, 'data-field': fmtPath(epath), 'data-role': 'key',
        'aria-label': t('keyName'), onchange: (e) => { // rename in place, keeping the order
          const nk = e.target.value.trim();
          if (!nk || nk === k || nk in obj) { e.target.value = k; return; }
          const entries = Object.entries(obj).map(([a, b]) => [a === k ? nk : a, b]);
          Object.keys(obj).forEach((a) => delete obj[a]);
          Object.assign(obj, Object.fromEntries(entries));
          redo();
        } });
      box.append(el('div', { class: `map-entry${ek === 'object' || ek === 'map' ? ' nested' : ''}`, 'data-path': fmtPath(epath) },
        el('div', { class: 'map-head' }, keyInput, el('button', { type: 'button', class: 'icon danger', title: t('remove'),
          'aria-label': `${t('remove')}: ${k}`, text: '×', onclick: () => { delete obj[k]; redo(); } })),
        el('div', { class: 'map-value' }, ek === 'object' ? objectControl(es, epath) : control(es, epath, k))));
    }
    box.append(el('button', { type: 'button', class: 'add-item', 'data-field': `${fmtPath(path)}#add`, text: t('addEntry'),
      onclick: () => {
        if (!isObj(get(path))) set(path, obj);
        let nk = names?.find((n) => !(n in obj)) || t('newKey');
        for (let i = 2; nk in obj; i++) nk = `${t('newKey')}-${i}`;
        obj[nk] = empty(entrySchema(path, nk) || valS);
        const keys = redo()?.querySelectorAll('[data-role=key]');
        keys?.[keys.length - 1]?.select();
      } }));
    return box;
  }

  function unionControl(s, path, key, name = label(key)) { // one of several shapes: pick the shape, then edit it
    const alts = s.anyOf.map(strip);
    const v = get(path);
    const at = Math.max(0, alts.findIndex((a) => matches(v, a)));
    const box = el('div', { class: 'union' });
    box.rerender = () => { const n = unionControl(s, path, key, name); box.replaceWith(n); applyMarks(); return n; };
    const pick = el('select', { class: 'union-pick', 'data-field': `${fmtPath(path)}#type`, 'aria-label': `${name}: ${t('valueType')}`,
      onchange: (e) => {
        const to = alts[Number(e.target.value)];
        const now = get(path);
        const ty = typeOf(to);
        const n = Number(now);
        set(path, ty === 'string' ? (now == null ? '' : String(now)) : ty === 'boolean' ? now === 'true' || now === true
          : (ty === 'number' || ty === 'integer') && now !== '' && !Number.isNaN(n) ? n : empty(to));
        changed(path);
        box.rerender().querySelector('select')?.focus();
      } }, alts.map((a, i) => el('option', { value: String(i), text: t(`type.${kind(a)}`, null) || kind(a), selected: i === at })));
    box.append(pick, control(alts[at], path, key, name));
    return box;
  }

  // -- project resources: themes and motifs ----------------------------------------------------
  function resource(s, path, key, name) {
    if (kind(s) !== 'string') return null;
    if (isPicturePath(path)) return pictureControl(pictureCtx(path), textInput(s, path, { ariaLabel: name }));
    if (fmtPath(path) === 'theme' && info.themes && Object.keys(info.themes).length) return themePicker(path);
    const motifs = info.motifs || {};
    const choices = motifChoices(path, key);
    if (choices) {
      const note = el('p', { class: 'help motif-summary' });
      const zh = lang() === 'zh'; // the motifs' Chinese names and summaries; the value stays the motif's name
      const about = (x) => (zh && motifs[x]?.summary_zh) || motifs[x]?.summary || '';
      const show = (x) => { note.textContent = about(x); };
      const sel = select(path, choices.map((n) => [n, (zh && motifs[n].name_zh) || n, about(n)]), { onpick: show, cls: 'motif', name });
      show(get(path));
      return el('div', { class: 'motif-control' }, sel, note);
    }
    return null;
  }
  function motifChoices(path, key) { // motifs.technology, motifs.nanjing[i]: the project's motifs of that kind
    if (!path.includes('motifs')) return null;
    const names = Object.entries(info.motifs || {}).filter(([, m]) => m.kind === key).map(([n]) => n);
    return names.length ? names : null;
  }
  function keyChoices(path) { // names offered for map keys: motif names under motifs.params, a motif's parameters under it
    if (!path.includes('motifs')) return null;
    const last = path[path.length - 1];
    if (last === 'params') {
      const chosen = Object.values(get(path.slice(0, -1)) || {}).flat().filter((x) => typeof x === 'string');
      return [...new Set([...chosen, ...Object.keys(info.motifs || {})])];
    }
    const ps = info.motifs?.[last]?.params;
    return ps ? Object.keys(ps.properties || ps) : null;
  }
  function entrySchema(path, k) { // a motif's own parameter schema, when /api/info gives one
    const ps = path[path.length - 1] === 'params' && path.includes('motifs') ? info.motifs?.[k]?.params : null;
    return ps && ps.type === 'object' && ps.properties ? ps : null;
  }
  // a theme colour's name and its role in the language shown (the role's own name where words.js lacks it)
  const colourName = (c) => (lang() === 'zh' && c.name_zh) || c.name;
  const tokenName = (tok) => t(`token.${tok}`, null) || tok;
  function themePicker(path) {
    const p = fmtPath(path);
    const v = get(path);
    const group = uid('theme');
    const caption = el('div', { class: 'theme-caption', 'aria-live': 'polite' });
    const showCaption = (name) => {
      const th = info.themes[name];
      caption.replaceChildren(...(th ? Object.entries(th.colours).map(([tok, c]) => el('span', { class: 'cmyk', title: colourName(c) },
        el('i', { style: { background: c.rgb } }), el('b', { text: tokenName(tok) }), ` ${cmyk(c.cmyk)}`)) : []));
    };
    const names = Object.keys(info.themes);
    if (v && !names.includes(v)) names.unshift(v);
    const picker = el('div', { class: 'theme-picker', role: 'radiogroup' }, names.map((name) => {
      const th = info.themes[name];
      const swatches = Object.entries(th?.colours || {}).filter(([, c]) => !/^#(f[0-9a-f]){3}$/i.test(c.rgb) && c.cmyk[3] < 85).slice(0, 6)
        .map(([tok, c]) => el('span', { class: 'swatch', style: { background: c.rgb }, title: `${tokenName(tok)} — ${colourName(c)}: ${cmyk(c.cmyk)}` }));
      return el('label', { class: 'theme-option' },
        el('input', { type: 'radio', name: group, value: name, 'data-field': p, checked: name === v,
          onchange: () => { set(path, name); showCaption(name); changed(path); } }),
        el('span', { class: 'swatches', 'aria-hidden': 'true' }, swatches),
        el('span', { class: 'theme-name', text: th ? th.name[lang()] || th.name.zh : `${name} (${t('unknown')})` }),
        el('small', { class: 'theme-id', text: name }));
    }));
    showCaption(v);
    return el('div', { class: 'theme-control' }, picker, caption);
  }

  // -- errors ----------------------------------------------------------------------------------
  const root = el('div', { class: 'form-root' });
  function target(f) { // where an error about field f shows: its input, else the nearest shown ancestor
    for (let p = f; p; p = parentOf(p)) {
      const input = root.querySelector(`[data-field="${CSS.escape(p)}"]:not([data-role=key])`);
      if (input) return { input, box: input.closest('.lang-input,.field,.map-entry,.item'), exact: p === f };
      const box = root.querySelector(`[data-path="${CSS.escape(p)}"]`);
      if (box) return { input: box.querySelector('input,select,textarea,button'), box, exact: false };
    }
    return null;
  }
  // The marks on the form: the server's errors, and the clashes with a colleague's save, each at its
  // field. A field's description (aria-describedby) is its error, its clash and its counter.
  function describe(input) {
    const ids = [input.dataset.err, input.dataset.clashOf, input.dataset.describedby].filter(Boolean);
    if (ids.length) input.setAttribute('aria-describedby', ids.join(' ')); else input.removeAttribute('aria-describedby');
  }
  function place(tg, node) { // after the exact input's control (and its error), else under the box's head
    if (tg.exact && tg.input.matches('input,select,textarea')) {
      let after = tg.input.closest('.text-control,.check,.theme-control,.motif-control') || tg.input;
      if (node.matches('.clash') && after.nextElementSibling?.matches('.error-msg')) after = after.nextElementSibling;
      after.after(node);
      return true;
    }
    const head = tg.box.querySelector(':scope > .field-box > .field-head, :scope > .item-head, :scope > .map-head, :scope > .absent-row');
    if (head) head.after(node); else tg.box.append(node);
    return false;
  }
  function applyErrors() {
    root.querySelectorAll('.error-msg').forEach((n) => n.closest('.upload-error') || n.remove()); // an upload's refusal stays
    root.querySelectorAll('.has-error').forEach((n) => n.classList.remove('has-error'));
    root.querySelectorAll('[aria-invalid]').forEach((n) => n.removeAttribute('aria-invalid'));
    root.querySelectorAll('[data-err]').forEach((n) => { delete n.dataset.err; describe(n); });
    const unplaced = [];
    for (const e of errors) {
      const tg = e.field ? target(e.field) : null;
      if (!tg) { unplaced.push(e); continue; }
      const message = serverMessage(e.message, lang());
      const msg = el('p', { class: 'error-msg', id: uid('err') }, tg.exact ? message : el('span', {}, el('code', { text: e.field.slice(parentOf(e.field).length).replace(/^\./, '') || e.field }), ` ${message}`));
      tg.box.classList.add('has-error');
      if (place(tg, msg)) {
        tg.input.setAttribute('aria-invalid', 'true');
        tg.input.dataset.err = msg.id;
        describe(tg.input);
      }
    }
    root.querySelectorAll('.text-control').forEach((n) => n.update?.()); // a refused text: its counter says so
    return unplaced;
  }
  function applyClashes() { // kept where they still stand (a button the user is on keeps its focus), drawn where missing
    for (const n of root.querySelectorAll('.clash')) {
      if (clashes.includes(n.clash)) continue;
      root.querySelectorAll(`[data-clash-of="${CSS.escape(n.id)}"]`).forEach((x) => { delete x.dataset.clashOf; describe(x); });
      n.remove();
    }
    const shown = new Set([...root.querySelectorAll('.clash')].map((n) => n.clash));
    for (const c of clashes) {
      if (shown.has(c)) continue;
      const f = fmtPath(c.path);
      const tg = target(f) || { box: root.querySelector('.form-root > .object') || root, input: null, exact: false };
      const node = clashBox(c, f, tg.exact);
      if (place(tg, node)) { tg.input.dataset.clashOf = node.id; describe(tg.input); }
    }
    root.querySelectorAll('.has-clash').forEach((n) => n.classList.remove('has-clash'));
    root.querySelectorAll('.clash').forEach((n) => { n.parentElement.closest('.field,.item,.map-entry')?.classList.add('has-clash'); n.closest('.field.section')?.classList.add('has-clash'); });
  }
  function applyMarks() { const unplaced = applyErrors(); applyClashes(); return unplaced; }
  function shownValue(v) { // a value as the clash shows it: a text, a pair in the language shown, else its texts
    if (v === undefined || v === null || v === '') return t('absent');
    return typeof v === 'object' ? summaryOf(v) || JSON.stringify(v) : String(v);
  }
  function clashBox(c, f, exact) { // theirs against mine, at the field: the user picks one
    const title = uid('clash');
    const row = (side, who, value, action) => el('div', { class: `clash-row ${side}` },
      el('span', { class: 'clash-who', text: who }),
      el('span', { class: 'clash-value', lang: /\.zh$/.test(f) ? 'zh-Hans' : /\.en$/.test(f) ? 'en' : null, text: shownValue(value) }),
      el('button', { type: 'button', class: 'btn small', 'data-clash': side, text: action, // neither preferred: the user decides
        onclick: () => onClash && onClash(c, side) }));
    const node = el('div', { class: 'clash', id: uid('cl'), role: 'group', 'aria-labelledby': title, 'data-clash-field': f },
      el('p', { class: 'clash-title', id: title }, t('clashTitle'), exact ? null : el('code', { text: f })),
      row('theirs', t('theirs', c.who || null), c.theirs, t('useTheirs')),
      row('mine', t('mine'), c.mine, t('keepMine')));
    node.clash = c;
    return node;
  }

  // -- pictures: the upload, the thumbnail and the focal point (image.js) -------------------------------
  function pictureShown(s, path) {
    if (isPicturePath(path)) return kind(s) === 'string';
    const pic = picturePathFor(path);
    return !!pic && isFocusSchema(s) && !!get(pic);
  }
  function pictureCtx(path) {
    return { el, t, lang, data, path, p: fmtPath(path), get, set, changed, uid, redraw,
      slug: () => slug || editSlug(globalThis.location?.hash) };
  }
  function redraw(f) { const tg = target(f); if (tg) rerenderNear(tg.box); }

  const top = strip(schema);
  root.append(kind(top) === 'object' ? objectControl(top, []) : control(top, [], ''));
  return {
    el: root,
    setErrors(list) { errors = list || []; return applyErrors(); },
    setClashes(list) { clashes = list || []; applyClashes(); },
    setCapacity(c) { capacity = c || {}; root.querySelectorAll('.text-control').forEach((n) => n.update?.()); },
    /** Draws the field at `f` again from the data (after a value was put in from outside). */
    redraw,
    focusField(f) {
      const tg = target(f);
      if (!tg) return;
      tg.box.scrollIntoView({ behavior: 'smooth', block: 'center' });
      (tg.input || tg.box).focus({ preventScroll: true });
    },
    sections: () => Object.keys(top.properties || {}).map((k) => [k, label(k)]),
    focusSection(k) { // its heading (tabindex=-1), else its first control (an optional section not there yet: its Add button)
      const sec = root.querySelector(`#sec-${CSS.escape(k)}`);
      if (!sec) return;
      const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
      sec.scrollIntoView({ behavior: still ? 'auto' : 'smooth', block: 'start' });
      (sec.querySelector('.section-title') || sec.querySelector('input,select,textarea,button'))?.focus({ preventScroll: true });
    },
  };
}
