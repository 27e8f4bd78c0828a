// Field paths: a value's place in the landmark's data, as an array of keys and indexes
// (['key_figures', 0, 'value']) and as the text the server's errors and the form's
// data-field attributes use ('key_figures[0].value'). Pure functions: no DOM.

/** ['a', 0, 'b'] -> 'a[0].b' (numbers are indexes, strings are keys). */
export const fmtPath = (path) => path.reduce((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '');

/** 'a[0].b' -> ['a', 0, 'b']: the inverse of fmtPath for keys without '.', '[' or ']'. */
export function parsePath(text) {
  const out = [];
  for (const [, key, index] of String(text).matchAll(/\.?([^.[\]]+)|\[(\d+)\]/g)) out.push(index === undefined ? key : Number(index));
  return out;
}

const LAST = /(\[\d+\]|\.[^.[\]]+)$/;
/** The path of the value that holds this one: 'a[0].b' -> 'a[0]' -> 'a' -> ''. */
export const parentOf = (p) => (LAST.test(p) ? p.replace(LAST, '') : '');

/** The value at `path` in `data`, or undefined where a step is missing. */
export const getIn = (data, path) => path.reduce((o, k) => (o == null ? undefined : o[k]), data);

/**
 * Sets the value at `path` in `data` (in place), creating missing parents (an array where the
 * next step is an index, else an object); `undefined` removes an object's key.
 */
export function setIn(data, path, v) {
  let o = data;
  path.slice(0, -1).forEach((k, i) => {
    if (o[k] == null || typeof o[k] !== 'object') o[k] = typeof path[i + 1] === 'number' ? [] : {};
    o = o[k];
  });
  const key = path[path.length - 1];
  if (v === undefined && !Array.isArray(o)) delete o[key];
  else o[key] = v;
}

/**
 * Renames the key at `path` in `data` (in place) to `to`, keeping the keys' order; false (and
 * nothing changed) when the key is not there, its holder is not an object, or `to` is taken.
 */
export function renameKey(data, path, to) {
  const holder = getIn(data, path.slice(0, -1));
  const from = path[path.length - 1];
  if (holder === null || typeof holder !== 'object' || Array.isArray(holder) || !(from in holder) || to in holder) return false;
  const entries = Object.entries(holder).map(([k, v]) => [k === from ? to : k, v]);
  Object.keys(holder).forEach((k) => delete holder[k]);
  Object.assign(holder, Object.fromEntries(entries));
  return true;
}
