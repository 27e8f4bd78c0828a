// What the page shows, decided without the DOM: the route and the document it edits, the export's progress and file list,
// the cards' thumbnails, the preview's size and page, a text's counter, the server's located messages. Pure functions; app.js draws what they decide.

/** The landmark a location hash opens in the editor ('#/edit/<slug>'), or null for the dashboard. */
export function editSlug(hash) {
  const m = (hash || '#/').match(/^#\/edit\/([a-z0-9-]+)$/);
  return m ? m[1] : null;
}

/**
 * A document the editor edits, by kind: where the API has it, its preview, its file, the key its
 * drafts are kept under (a landmark's slug; ':campaign' can be no slug) and its route. The campaign's
 * texts (data/campaign.yaml) are previewed as the brochure, a page at a time (`paged`).
 */
export function documentOf(kind, key = '') {
  if (kind === 'campaign') {
    return { kind, key: '', id: ':campaign', api: '/api/campaign', preview: '/api/campaign/preview.png', file: 'data/campaign.yaml',
      paged: true, hash: '#/campaign' };
  }
  return { kind: 'landmark', key, id: key, api: `/api/landmarks/${key}`, preview: `/api/preview/${key}.png`, file: `data/landmarks/${key}.yaml`,
    paged: false, hash: `#/edit/${key}` };
}

/** The document a location hash opens in the editor ('#/edit/<slug>': a landmark; '#/campaign': the campaign's texts), or null. */
export function editTarget(hash) {
  if (hash === '#/campaign') return documentOf('campaign');
  const slug = editSlug(hash);
  return slug ? documentOf('landmark', slug) : null;
}

/** The preview's address: at `width` pixels and, for a paged document, its page `page` (from 1). */
export const previewSrc = (doc, width, page = 1) => `${doc.preview}?width=${width}${doc.paged ? `&page=${page}` : ''}`;

/**
 * The page to show while `field` ('brochure.title.zh') is edited, from the pages each text field is
 * printed on (`where`: {field: [pages]}, the preview's X-Field-Pages): the field's own, else those
 * of its nearest relative on the page (the longest shared start: 'city_facts[0].value' goes
 * where 'city_facts[0].label.zh' is). `current` when it is among them, or nothing matches.
 */
const steps = (path) => String(path || '').match(/[^.[\]]+/g) || []; // 'a[0].b' -> ['a', '0', 'b']
export function pageOf(where, field, current) {
  const want = steps(field);
  let best = 0;
  let pages = [];
  for (const [k, on] of Object.entries(where || {})) {
    const have = steps(k);
    let n = 0;
    while (n < want.length && n < have.length && want[n] === have[n]) n++;
    if (n > best) { best = n; pages = [...on]; } else if (n === best && n > 0) pages.push(...on);
  }
  if (!best || !pages.length || pages.includes(current)) return current;
  return Math.min(...pages);
}

/** Whether an export in this state is still going. */
export const busy = (state) => state === 'queued' || state === 'running';

/** A progress fraction (0–1, or missing) as a whole percentage. */
export const percent = (progress) => Math.round((progress || 0) * 100);

/** The build reports a file more than once as it goes: the last word on each, in the order they first came. */
export const latestFiles = (files) => [...new Map(files.map((f) => [f.name, f])).values()];

const DONE = ['written', 'up to date', 'checked'];
/** Whether a file in this state is there to open. */
export const fileDone = (status) => DONE.includes(status);
/** The class of a file's row: ok, bad (it failed) or skipped. */
export const fileClass = (status) => (fileDone(status) ? 'ok' : status === 'failed' ? 'bad' : 'skipped');

/** A file's type as its badge shows it, from its name: 'posters/a.pdf' -> 'PDF'; '' without an extension. */
export const fileType = (name) => (String(name).match(/\.([a-z0-9]{1,5})$/i)?.[1] || '').toUpperCase();

/** An error line of the build, without the CLI's 'error:' prefix. */
export const errorText = (line) => line.replace(/^error:\s*/, '');

/**
 * The picture on a dashboard card. A landmark changed since its last export (or never built), and
 * without errors, shows its saved data rendered, the saved version in the URL so a save brings a new
 * picture; else the built PDF's thumbnail (its build time in the URL, so a new build is fetched
 * again); else none (null). The brochure is previewed where the server gives it a `preview`
 * (its cover, from the saved campaign), else its PDF, or nothing.
 */
export function thumbnailSrc(card, editable) {
  const base = card.preview || (editable ? `/api/preview/${card.slug}.png` : null);
  const previewable = !!base && !card.errors;
  if (card.built && !(previewable && card.changed)) return `/api/thumbnail/${card.file}?width=400&v=${encodeURIComponent(card.built)}`;
  if (!previewable) return null;
  return `${base}?width=400${card.version ? `&v=${encodeURIComponent(card.version)}` : ''}`;
}

/** Whether a card's picture is the saved data rendered rather than the exported PDF. */
export const isPreviewSrc = (src) => !!src && (src.startsWith('/api/preview/') || src.startsWith('/api/campaign/preview.png'));

/**
 * A text field's counter: its length against what its frame holds as composed (`capacity`, from
 * the last preview; the schema's `max` until one arrives, or for a text not on the poster).
 * level: '' while there is room, 'near' from 90 % of it (or past an estimate the server still
 * accepts: capacity is about what fits, never more), 'over' past the schema's limit or when the
 * server refused the text (`refused`).
 */
export function counterState(length, max, capacity, refused = false) {
  const limit = capacity ?? max;
  const level = refused || (max != null && length > max) ? 'over' : limit != null && length > limit * 0.9 ? 'near' : '';
  return { limit, level, fromPreview: capacity != null };
}

/**
 * A located message of the loader ('data/landmarks/x.yaml:42:10: YAML syntax error: …') in its
 * parts: { file, line, column, message } (line and column numbers, or null when not given).
 */
export function located(where) {
  const m = String(where || '').match(/^(.+?\.ya?ml)(?::(\d+))?(?::(\d+))?: ([\s\S]*)$/);
  if (!m) return { file: null, line: null, column: null, message: String(where || '') };
  return { file: m[1], line: m[2] ? Number(m[2]) : null, column: m[3] ? Number(m[3]) : null, message: m[4] };
}

/**
 * An error about a key the loader does not know ('key_figurs'): { key, suggestion } (the key the
 * loader guesses was meant, or null), else null.
 */
export function unknownKey(error) {
  if (!error || !error.field || !/^unknown key\b/.test(error.message || '')) return null;
  const m = error.message.match(/did you mean '([^']+)'/);
  return { key: error.field, suggestion: m ? m[1] : null };
}

/**
 * A version's one-line diff in parts: { field, change } when it names a field
 * ('key_figures[0].value: 200+ → 250+'), else { field: null, change: the whole line }.
 */
export function summaryParts(summary) {
  const m = String(summary || '').match(/^([A-Za-z_][\w-]*(?:\[\d+\]|\.[\w-]+)*): ([\s\S]*)$/);
  return m ? { field: m[1], change: m[2] } : { field: null, change: String(summary || '') };
}

/** The width to render the preview at: the frame's pixels on this screen, rounded up to 100, at most 1400. */
export const previewWidth = (cssWidth, pixelRatio) => Math.min(1400, Math.ceil(((cssWidth || 460) * (pixelRatio || 1)) / 100) * 100);
