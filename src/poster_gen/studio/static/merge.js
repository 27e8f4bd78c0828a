// Drafts: the user's unsaved edits, kept in localStorage, and the three-way merge that puts them
// back on top of a newer version of the file (a colleague's save), naming where both sides changed
// the same field. Pure functions: no DOM, no storage, no network.

/** Whether two JSON values are the same (by their JSON text, so key order counts). */
export const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * My edits (`mine`, made on `base`) on top of a newer version (`theirs`), and where they clash.
 * Theirs stays wherever I changed nothing. Objects merge key by key (a key removed on one side and
 * untouched on the other is removed); arrays of the same length merge item by item; where both
 * sides changed the same value differently, the merged data holds mine and the clash is listed:
 * { path (keys and indexes), base, mine, theirs } — for the user to choose, never decided silently.
 * `undefined` stands for "absent". The inputs are not changed.
 */
export function mergeClashes(base, mine, theirs) {
  const clashes = [];
  const walk = (b, m, t, path) => {
    if (same(m, b)) return t;
    if (same(t, b) || same(m, t)) return m;
    if (isObj(b) && isObj(m) && isObj(t)) {
      const out = {};
      for (const k of new Set([...Object.keys(t), ...Object.keys(m)])) {
        const v = walk(b[k], m[k], t[k], [...path, k]);
        if (v !== undefined) out[k] = v;
      }
      return out;
    }
    if ([b, m, t].every(Array.isArray) && b.length === m.length && b.length === t.length) {
      return b.map((x, i) => walk(x, m[i], t[i], [...path, i]));
    }
    clashes.push({ path, base: b, mine: m, theirs: t }); // both changed the same thing
    return m;
  };
  const merged = walk(base, mine, theirs, []);
  return { merged, clashes };
}

/**
 * My edits on top of a newer version, where both changed the same value mine winning (a draft
 * put back on a newer file: the user's own typing, as they asked). See mergeClashes.
 */
export const merge3 = (base, mine, theirs) => mergeClashes(base, mine, theirs).merged;

/**
 * The clashes still open after a newer version (`theirs`) arrived: the earlier ones that the new
 * merge does not name again and that theirs has not settled (now the same as mine), then the new
 * ones (a field that clashes again shows its newest values). Clashes are compared by their path.
 */
export function openClashes(earlier, fresh, theirs) {
  const key = (c) => JSON.stringify(c.path);
  const again = new Set(fresh.map(key));
  const at = (path) => path.reduce((o, k) => (o == null ? undefined : o[k]), theirs);
  return [...earlier.filter((c) => !again.has(key(c)) && !same(at(c.path), c.mine)), ...fresh];
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
