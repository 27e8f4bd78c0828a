// Reading a JSON Schema (draft 2020-12, $defs + $ref) the way the form needs it: what kind of
// editor a value gets, and what a new value looks like. Pure functions: no DOM.

export const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

/** A definition refined by its $ref's siblings ("properties" merge key by key); neither is changed. */
export function mergeSchema(a, b) {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isObj(v) && isObj(out[k]) ? mergeSchema(out[k], v) : v;
  return out;
}

/** The kinds of value edited in one control (the rest are objects, arrays, maps and unions). */
export const SCALARS = ['string', 'integer', 'number', 'enum', 'boolean', 'same-or-different'];

/**
 * The helpers over one schema (its $defs resolve $refs):
 * - resolve(s): s with its $ref (or single allOf) replaced by the definition, refined by s's own
 *   keys; `$own` keeps the description written at the reference, which beats the definition's
 *   (`$ownZh` its Chinese, `x-description-zh`).
 * - strip(s): resolved, without its `null` alternative (an optional value's schema).
 * - typeOf(s): its JSON type, guessed from properties/items/enum where `type` is missing.
 * - bilingual(s): an object of two strings, zh and en (and ja/ko, which the translation round
 *   trip fills and the form leaves as they are).
 * - kind(s): the editor it gets: 'object', 'map', 'array', 'bilingual', 'same-or-different'
 *   (a string or a bilingual pair), 'enum', 'union', 'string', 'integer', 'number', 'boolean', 'any'.
 * - enumValues(s): the values an enum allows.
 * - empty(s): a new value: the default, or the smallest shape that looks right.
 * - matches(v, s): whether v has s's type (picks a union's alternative).
 */
/** A text's languages that come back from translators (poster-gen translate import), not typed here. */
const TRANSLATED = ['ja', 'ko'];

export function schemaHelpers(schema) {
  const defs = schema.$defs || schema.definitions || {};
  function resolve(s, depth = 0) {
    if (!isObj(s)) return {};
    if (s.$ref && depth < 32) {
      const { $ref, description, ...rest } = s;
      const def = defs[$ref.replace(/^#\/(\$defs|definitions)\//, '')] || {};
      return resolve({ ...mergeSchema(def, rest), $own: s.$own ?? description ?? null,
        $ownZh: s.$ownZh ?? rest['x-description-zh'] ?? null, ...(description ? { description } : {}) }, depth + 1);
    }
    if (Array.isArray(s.allOf) && s.allOf.length === 1) {
      const { allOf, ...rest } = s;
      return resolve(mergeSchema(allOf[0], rest), depth + 1);
    }
    return s;
  }
  const isNull = (s) => s.type === 'null' || s.const === null;
  function strip(s) {
    s = resolve(s);
    const alts = s.anyOf || s.oneOf;
    if (Array.isArray(alts)) {
      const rest = alts.filter((a) => !isNull(resolve(a)));
      const { anyOf, oneOf, ...outer } = s;
      const own = outer.description ? { ...outer, $own: outer.description, $ownZh: outer['x-description-zh'] ?? null } : outer;
      if (rest.length === 1) return strip(mergeSchema(resolve(rest[0]), own));
      if (rest.length !== alts.length) return { ...outer, anyOf: rest };
    }
    if (Array.isArray(s.type)) {
      const types = s.type.filter((x) => x !== 'null');
      return types.length === 1 ? { ...s, type: types[0] } : { ...s, type: undefined, anyOf: types.map((x) => ({ type: x })) };
    }
    return s;
  }
  const typeOf = (s) => s.type || (s.properties ? 'object' : s.items ? 'array' : s.enum ? 'string' : undefined);
  function bilingual(s) {
    const p = strip(s).properties;
    // zh and en, and the languages translations bring back (ja, ko): the form edits the first two
    const keys = p ? Object.keys(p).filter((k) => !TRANSLATED.includes(k)).sort().join() : '';
    return !!p && keys === 'en,zh' && typeOf(strip(p.zh)) === 'string' && typeOf(strip(p.en)) === 'string';
  }
  function kind(s) {
    s = strip(s);
    const alts = s.anyOf || s.oneOf;
    if (Array.isArray(alts) && alts.length > 1) {
      if (alts.every((a) => 'const' in resolve(a))) return 'enum';
      const ks = alts.map((a) => (bilingual(a) ? 'bilingual' : typeOf(strip(a)))).sort().join();
      return ks === 'bilingual,string' ? 'same-or-different' : 'union';
    }
    if (s.enum || 'const' in s) return 'enum';
    if (bilingual(s)) return 'bilingual';
    const ty = typeOf(s);
    if (ty === 'object') return s.properties && Object.keys(s.properties).length ? 'object' : 'map';
    return ty || 'any';
  }
  const enumValues = (s) => s.enum || ('const' in s ? [s.const] : (s.anyOf || s.oneOf || []).map((a) => resolve(a).const));
  function empty(s) {
    s = strip(s);
    if (s.default !== undefined && s.default !== null) return clone(s.default);
    switch (kind(s)) {
      case 'bilingual': return { zh: '', en: '' };
      case 'same-or-different': case 'string': return '';
      case 'enum': return enumValues(s)[0];
      case 'boolean': return false;
      case 'integer': case 'number': return s.minimum ?? null;
      case 'array': return Array.from({ length: s.minItems || 0 }, () => empty(s.items || {}));
      case 'map': return {};
      case 'union': return empty(s.anyOf[0]);
      case 'object': return Object.fromEntries((s.required || []).map((k) => [k, empty(s.properties[k])]));
      default: return null;
    }
  }
  function matches(v, s) {
    if (bilingual(s)) return isObj(v);
    const ty = typeOf(strip(s));
    return ty === 'integer' ? Number.isInteger(v) : ty === 'array' ? Array.isArray(v) : ty === 'object' ? isObj(v) : typeof v === ty;
  }
  return { resolve, strip, typeOf, bilingual, kind, enumValues, empty, matches };
}

/**
 * A value's help text in `lang` ('zh' or 'en'): its description, or its Chinese one
 * (`x-description-zh`) in Chinese, the English where no Chinese is given. `own`: only what was
 * written for this very field (at its reference), not its definition's general words.
 */
export function helpText(s, own, lang) {
  const en = own && s.$own !== undefined ? s.$own : s.description;
  if (lang !== 'zh') return en || null;
  const zh = own && s.$ownZh !== undefined ? s.$ownZh : s['x-description-zh'];
  return zh || en || null;
}

/** A choice's name in `lang` from the schema's `x-enum-labels` ({value: {zh, en}}), or null. */
export function enumLabel(s, value, lang) {
  const labels = s['x-enum-labels'];
  return (isObj(labels) && isObj(labels[value]) && labels[value][lang]) || null;
}
