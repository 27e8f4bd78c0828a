// The releases: each dashboard card's mark against the last release, the Releases view (#/releases: every
// release with its downloads, and what each poster is now against the last one), "Approve and release"
// (a dialog asking who approves and why, then the release, or the one-line refusal the server gives), and
// the Proof view (#/proof: the changed facts, and each changed page then and now, the changed regions
// outlined). The server releases exactly as `poster-gen release` does: nothing that is not up to date and
// passing preflight.
import { el } from './form.js';
import { locale, serverMessage } from './words.js';

export const RELEASES_ROUTE = '#/releases';
export const PROOF_ROUTE = '#/proof';
/** Whether a location hash is a view of this module's (the Releases view, the Proof view). */
export const isReleasesRoute = (hash) => hash === RELEASES_ROUTE || hash === PROOF_ROUTE;
/** Draw the view of `hash` (#/releases or #/proof). */
export const showReleaseView = (ctx, hash) => (hash === PROOF_ROUTE ? showProof(ctx) : showReleases(ctx));

/** A card's mark against the last release: "As released (N)", "Changed since release N", or nothing when there is none. */
export function releaseBadge(card, t) {
  const m = card.release;
  if (!m) return null;
  const same = m.state === 'released';
  return el('span', { class: `badge ${same ? 'released' : 'unreleased'}`, 'data-release': m.state,
    text: same ? t('asReleased', m.number) : t('changedSinceRelease', m.number) });
}

const button = (text, attrs = {}) => el('button', { type: 'button', class: 'btn', ...attrs, text });
const when = (iso, lang) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso
    : d.toLocaleString(locale(lang), { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
};

/**
 * Draw the Releases view into `ctx.app`. ctx: { app, crumbs, t, lang (a function), api, focusHeading, moved,
 * userName, setUserName, dashboard (the dashboard's hash) }.
 */
export async function showReleases(ctx) {
  const { app, crumbs, t } = ctx;
  const lang = ctx.lang();
  document.title = `${t('releases')} · poster-gen studio`;
  crumbs.replaceChildren(el('a', { href: ctx.dashboard, text: t('dashboard') }), el('span', { class: 'sep', text: '/' }),
    el('span', { class: 'crumb-here', text: t('releases') }));
  const now = el('section', { class: 'panel release-now', 'aria-labelledby': 'release-now-title' }, el('p', { class: 'loading', text: t('loading') }));
  const list = el('section', { class: 'release-list', 'aria-labelledby': 'release-list-title' });
  const result = el('div', { id: 'release-result', class: 'release-result' });
  const approve = button(t('approve'), { id: 'approve', class: 'btn primary big', 'aria-haspopup': 'dialog', onclick: () => openApprove(ctx, refresh) });
  app.replaceChildren(el('div', { class: 'releases-view' },
    el('p', { class: 'back-row' }, el('a', { class: 'back', href: ctx.dashboard, text: `← ${t('back')}` })),
    el('section', { class: 'hero' },
      el('div', {}, el('h1', { text: t('releasesTitle') }), el('p', { class: 'lead', text: t('releasesLead') })),
      el('div', { class: 'hero-action' }, approve, el('small', { text: t('approveHint') }),
        el('a', { class: 'releases-link', href: PROOF_ROUTE, text: t('proofLink') }))),
    result, now, list));
  if (ctx.moved) ctx.focusHeading(app.querySelector('h1'));
  paintResult(ctx, result);
  async function refresh() {
    const mine = app.firstChild;
    const [r, d] = await Promise.all([ctx.api('GET', '/api/releases'), ctx.api('GET', '/api/dashboard')]);
    if (app.firstChild !== mine) return; // the user went elsewhere meanwhile
    if (!r.ok) {
      now.replaceChildren(el('div', { class: 'notice error', role: 'alert' }, el('strong', { text: t('releasesFailed') }),
        el('p', { text: serverMessage(r.json.error || `HTTP ${r.status}`, lang) })));
      list.replaceChildren();
      return;
    }
    const cards = d.ok ? [...d.json.landmarks, d.json.brochure] : [];
    paintNow(ctx, now, r.json, cards);
    paintList(ctx, list, r.json, cards);
    paintResult(ctx, result);
  }
  await refresh();
}

/** Each poster and the brochure now, against the last release. */
function paintNow(ctx, box, data, cards) {
  const { t } = ctx;
  const lang = ctx.lang();
  const title = el('h2', { id: 'release-now-title', text: data.last ? t('nowAgainst', data.last) : t('nowTitle') });
  if (!data.last) {
    box.replaceChildren(title, el('p', { class: 'empty-note', text: t('noReleases') }));
    return;
  }
  const changed = cards.filter((c) => c.release && c.release.state !== 'released');
  box.replaceChildren(title,
    el('p', { class: `release-summary${changed.length ? ' changed' : ''}`, text: changed.length ? t('someChanged', changed.length, cards.length, data.last)
      : t('allReleased', data.last) }),
    el('ul', { class: 'release-outputs' }, cards.map((c) => el('li', { 'data-slug': c.slug },
      el('span', { class: 'out-names' }, el('span', { class: 'out-name', lang: 'zh-Hans', text: c.title.zh }),
        lang === 'en' ? el('span', { class: 'out-en', lang: 'en', text: c.title.en }) : null),
      releaseBadge(c, t) || el('span', { class: 'badge none', text: t('notBuilt') })))));
}

/** The releases, newest first, each with its downloads. */
function paintList(ctx, box, data, cards) {
  const { t } = ctx;
  const lang = ctx.lang();
  const names = Object.fromEntries(cards.map((c) => [c.file, c.title]));
  const head = el('h2', { id: 'release-list-title', text: t('releasesListTitle') });
  const damaged = (data.errors || []).length
    ? el('div', { class: 'notice error', role: 'alert' }, el('strong', { text: t('releasesDamaged') }),
      el('ul', { class: 'located' }, data.errors.map((x) => el('li', { text: serverMessage(x, lang) })))) : null;
  if (!data.releases.length) {
    box.replaceChildren(head, damaged || el('p', { class: 'empty-note', text: t('noReleasesList') }));
    return;
  }
  box.replaceChildren(head, damaged || '', el('ol', { class: 'releases' }, data.releases.map((r) => el('li', { class: 'release', 'data-release': String(r.number) },
    el('div', { class: 'release-head' },
      el('h3', { text: t('releaseN', r.number) }),
      el('time', { datetime: r.date, text: when(r.date, lang) }),
      r.by ? el('span', { class: 'v-who' }, t('releasedBy', ''), el('span', { class: 'user-data', text: r.by })) : el('span', { class: 'v-who anon', text: t('someone') })),
    r.note ? el('p', { class: 'release-note user-data', text: r.note }) : null,
    el('div', { class: 'release-downloads' },
      el('a', { class: 'btn small primary handoff', href: r.handoff, download: '', text: t('handoffShort'),
        'aria-label': `${t('handoff')} · ${t('releaseN', r.number)}` }),
      el('ul', { class: 'release-files', 'aria-label': t('releasedFiles', r.number) }, r.files.map((f) => {
        const title = names[f.path];
        return el('li', {}, el('a', { href: f.url, download: '' },
          title ? el('span', { lang: lang === 'zh' ? 'zh-Hans' : 'en', text: title[lang] || title.zh }) : el('code', { text: f.path }),
          el('span', { class: 'file-kind', text: `${t(`kind.${f.kind}`)} · PDF` })));
      })))))));
}

let made = null; // the last release made on this page: offered with its hand-off until the page is left

/** The release just made here, with its hand-off for the print shop. */
function paintResult(ctx, box) {
  const { t } = ctx;
  if (!made) { box.replaceChildren(); return; }
  const link = el('a', { id: 'handoff-now', class: 'btn primary', href: made.handoff, download: '', text: t('handoff') });
  box.replaceChildren(el('div', { class: 'notice ok', role: 'status' },
    el('strong', { text: t('releaseMade', made.number) }), el('p', { text: t('releaseMadeText') }), el('p', {}, link)));
}
/** Forget the release just made (the user left the view). */
export const forgetMade = () => { made = null; };

/** "Approve and release": who approves (remembered on this computer) and why; then the release or its refusal. */
function openApprove(ctx, refresh) {
  const { t } = ctx;
  if (document.getElementById('approve-dialog')) return;
  const opener = document.activeElement;
  const name = el('input', { type: 'text', id: 'release-by', value: ctx.userName(), autocomplete: 'name', maxlength: '80', required: true,
    'aria-describedby': 'release-by-hint' });
  const note = el('textarea', { id: 'release-note', rows: '3', maxlength: '2000', 'aria-describedby': 'release-note-hint' });
  const said = el('div', { class: 'approve-said', 'aria-live': 'polite' });
  const yes = el('button', { type: 'submit', id: 'release-yes', class: 'btn primary', text: t('releaseYes') });
  const form = el('form', { class: 'approve-form', novalidate: true },
    el('div', { class: 'approve-field' }, el('label', { for: 'release-by', text: t('releaseBy') }), name,
      el('p', { class: 'help', id: 'release-by-hint', text: t('releaseByHint') })),
    el('div', { class: 'approve-field' }, el('label', { for: 'release-note', text: t('releaseNote') }), note,
      el('p', { class: 'help', id: 'release-note-hint', text: t('releaseNoteHint') })),
    said,
    el('div', { class: 'approve-actions' }, yes, button(t('cancel'), { class: 'btn ghost', onclick: () => dlg.close() })));
  const dlg = el('dialog', { id: 'approve-dialog', class: 'history approve', 'aria-labelledby': 'approve-title', 'aria-describedby': 'approve-intro' },
    el('div', { class: 'history-head' }, el('h2', { id: 'approve-title', text: t('approveTitle') }),
      el('button', { type: 'button', class: 'icon close', 'aria-label': t('close'), title: t('close'), text: '×', onclick: () => dlg.close() })),
    el('p', { class: 'history-intro', id: 'approve-intro', text: t('approveIntro') }), form);
  let going = false;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (going) return;
    const who = name.value.trim();
    if (!who) {
      name.setAttribute('aria-invalid', 'true');
      said.replaceChildren(el('p', { class: 'error-msg', id: 'release-by-error', text: t('releaseByNeeded') }));
      name.setAttribute('aria-describedby', 'release-by-error release-by-hint');
      name.focus();
      return;
    }
    name.removeAttribute('aria-invalid');
    name.setAttribute('aria-describedby', 'release-by-hint');
    ctx.setUserName(who);
    going = true;
    yes.setAttribute('aria-disabled', 'true');
    yes.textContent = t('releasing');
    said.replaceChildren(el('p', { class: 'approve-going', text: t('releasingText') }));
    const r = await ctx.api('POST', '/api/releases', { body: { by: who, note: note.value } });
    going = false;
    yes.removeAttribute('aria-disabled');
    yes.textContent = t('releaseYes');
    if (r.status === 201) {
      made = r.json;
      dlg.close();
      await refresh();
      document.getElementById('handoff-now')?.focus();
      return;
    }
    const lang = ctx.lang();
    const lines = [r.json.error || `HTTP ${r.status}`, ...(r.json.errors || [])];
    said.replaceChildren(el('div', { class: 'notice error', role: 'alert', id: 'release-refused' },
      el('strong', { text: t('notReleased') }),
      el('ul', { class: 'located' }, lines.map((x) => el('li', { text: serverMessage(x, lang) }))),
      /then (release|proof)$/.test(lines[0]) ? el('p', { text: t('notReleasedHint') }) : null)); // the CLI's advice: build, then release
    yes.focus();
  });
  dlg.addEventListener('close', () => { dlg.remove(); if (opener?.isConnected) opener.focus(); });
  document.body.append(dlg);
  dlg.showModal();
  (name.value ? note : name).focus();
}

/** The Proof view: what changed since the last release, facts and pages, for a lead to sign off. */
export async function showProof(ctx) {
  const { app, crumbs, t } = ctx;
  const lang = ctx.lang();
  document.title = `${t('proof')} · poster-gen studio`;
  crumbs.replaceChildren(el('a', { href: ctx.dashboard, text: t('dashboard') }), el('span', { class: 'sep', text: '/' }),
    el('a', { href: RELEASES_ROUTE, text: t('releases') }), el('span', { class: 'sep', text: '/' }), el('span', { class: 'crumb-here', text: t('proof') }));
  const h1 = el('h1', { text: t('proof') });
  const body = el('div', { class: 'proof-body', 'aria-busy': 'true' }, el('p', { class: 'loading', text: t('proofLoading') }));
  app.replaceChildren(el('div', { class: 'releases-view proof-view' },
    el('p', { class: 'back-row' }, el('a', { class: 'back', href: RELEASES_ROUTE, text: `← ${t('releases')}` })), h1, body));
  if (ctx.moved) ctx.focusHeading(h1);
  const mine = app.firstChild;
  const r = await ctx.api('GET', '/api/proof');
  if (app.firstChild !== mine) return;
  body.removeAttribute('aria-busy');
  if (!r.ok) {
    const line = r.json.error || `HTTP ${r.status}`;
    body.replaceChildren(el('div', { class: 'notice error', role: 'alert' }, el('strong', { text: t('proofFailed') }),
      el('p', { text: serverMessage(line, lang) }), /then proof$/.test(line) ? el('p', { text: t('proofHint') }) : null));
    return;
  }
  const p = r.json;
  const name = (target) => p.names?.[target]?.[lang] || target;
  h1.textContent = p.since ? t('proofTitle', p.since) : t('proofTitleNew');
  const changed = p.outputs.filter((o) => o.status !== 'unchanged');
  const same = p.outputs.filter((o) => o.status === 'unchanged' && o.kind === 'print');
  const status = (o) => t(`proofStatus.${o.status}`);
  body.replaceChildren(...[
    el('p', { class: 'lead', text: p.since ? t('proofLead', p.since) : t('proofLeadNew') }),
    el('section', { class: 'panel release-now', 'aria-labelledby': 'proof-facts' },
      el('h2', { id: 'proof-facts', text: t('proofFacts') }),
      p.facts.length ? el('ul', { class: 'proof-facts' }, p.facts.map((f) => el('li', { text: f[lang] || f.en })))
        : el('p', { class: 'empty-note', text: p.since ? t('proofNoFacts') : t('proofAllNew') })),
    changed.length ? null : el('p', { class: 'release-summary', text: t('proofNothing', p.since) }),
    ...changed.filter((o) => o.kind === 'print').map((o) => el('section', { class: 'proof-output', 'data-file': o.file, 'aria-labelledby': `proof-${o.target}` },
      el('h2', { id: `proof-${o.target}` }, el('span', { text: name(o.target) }), el('span', { class: `badge ${o.status === 'unchanged' ? 'released' : 'unreleased'}`, text: status(o) })),
      ...o.pages.map((pg) => el('div', { class: 'proof-page' },
        el('h3', { text: t('pageN', pg.number) }),
        el('div', { class: 'proof-pair' },
          picture(pg.old, pg.regions, p.since ? t('proofThen', p.since) : '', t('proofPicture', name(o.target), pg.number, p.since ? t('proofThen', p.since) : '')),
          picture(pg.new, pg.regions, t('proofNow'), t('proofPicture', name(o.target), pg.number, t('proofNow')))))))),
    changed.some((o) => o.kind !== 'print') ? el('p', { class: 'proof-others', text: t('proofOthers', changed.filter((o) => o.kind !== 'print').length) }) : null,
    same.length ? el('section', { class: 'proof-same', 'aria-labelledby': 'proof-same' }, el('h2', { id: 'proof-same', text: t('proofUnchanged') }),
      el('ul', { class: 'release-outputs' }, same.map((o) => el('li', {}, el('span', { class: 'out-name', text: name(o.target) }),
        el('span', { class: 'badge released', text: status(o) }))))) : null].filter(Boolean));
}

/** A page of the proof with the changed regions outlined (fractions of the page, set through the CSSOM). */
function picture(src, regions, caption, alt) {
  if (!src) return el('figure', { class: 'proof-pic empty' }, el('div', { class: 'thumb-empty' }), caption ? el('figcaption', { text: caption }) : null);
  return el('figure', { class: 'proof-pic' },
    el('div', { class: 'proof-frame' }, el('img', { src, alt, loading: 'lazy' }),
      ...regions.map(([x0, y0, x1, y1]) => el('span', { class: 'proof-box', 'aria-hidden': 'true',
        style: { left: `${x0 * 100}%`, top: `${y0 * 100}%`, width: `${(x1 - x0) * 100}%`, height: `${(y1 - y0) * 100}%` } }))),
    el('figcaption', { text: caption }));
}
