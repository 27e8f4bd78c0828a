// What the page shows, decided without the DOM: the route, the export's progress and file list,
// the cards' thumbnails, the preview's size. Pure functions; app.js draws what they decide.

/** The landmark a location hash opens in the editor ('#/edit/<slug>'), or null for the dashboard. */
export function editSlug(hash) {
  const m = (hash || '#/').match(/^#\/edit\/([a-z0-9-]+)$/);
  return m ? m[1] : null;
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
 * The picture on a dashboard card: the built PDF's thumbnail (its build time in the URL, so a new
 * build is fetched again), else a preview for a landmark without errors, else none (null).
 */
export function thumbnailSrc(card, editable) {
  if (card.built) return `/api/thumbnail/${card.file}?width=400&v=${encodeURIComponent(card.built)}`;
  return editable && !card.errors ? `/api/preview/${card.slug}.png?width=400` : null;
}

/** The width to render the preview at: the frame's pixels on this screen, rounded up to 100, at most 1400. */
export const previewWidth = (cssWidth, pixelRatio) => Math.min(1400, Math.ceil(((cssWidth || 460) * (pixelRatio || 1)) / 100) * 100);
