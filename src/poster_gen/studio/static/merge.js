// Drafts: the user's unsaved edits, kept in localStorage, and the three-way merge that puts them
// back on top of a newer version of the file. Pure functions: no DOM, no storage, no network.

/** Whether two JSON values are the same (by their JSON text, so key order counts). */
export const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * My edits (`mine`, made on `base`) on top of a newer version (`theirs`): theirs stays wherever I
 * changed nothing. Objects merge key by key (a key removed on one side and untouched on the other
 * is removed); arrays of the same length merge item by item; where both sides changed the same
 * value, mine wins (the user's typing, as they asked). `undefined` stands for "absent".
 */
export function merge3(base, mine, theirs) {
  if (same(mine, base)) return theirs;
  if (same(theirs, base) || same(mine, theirs)) return mine;
  if (isObj(base) && isObj(mine) && isObj(theirs)) {
    const out = {};
    for (const k of new Set([...Object.keys(theirs), ...Object.keys(mine)])) {
      const v = merge3(base[k], mine[k], theirs[k]);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  if ([base, mine, theirs].every(Array.isArray) && base.length === mine.length && base.length === theirs.length) {
    return base.map((b, i) => merge3(b, mine[i], theirs[i]));
  }
  return mine; // both changed the same thing
}

/** The localStorage key of a landmark's draft. */
export const draftKey = (slug) => `pgStudio.draft.${slug}`;

/** The record stored for a draft: the edited data, the saved version it was made on, its ETag and when. */
export const draftRecord = (data, baseline, etag, at) => ({ data, base: JSON.parse(baseline), etag, at });

/**
 * What a stored draft offers against the version now loaded (`baseline`, its JSON text, with
 * `etag`): null when there is nothing to offer (no draft, or the draft is that version), else the
 * data to restore — the draft itself when it was made on this version (or records no base), else
 * the draft's edits merged on top of this version.
 */
export function draftToRestore(draft, baseline, etag) {
  if (!draft || JSON.stringify(draft.data) === baseline) return null;
  if (draft.etag === etag || !draft.base) return draft.data;
  return merge3(draft.base, draft.data, JSON.parse(baseline));
}
