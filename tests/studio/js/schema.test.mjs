// Reading the landmark schema (static/schema.js): which editor each value gets, what a new value is.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { load } from './static.mjs';

const { schemaHelpers, mergeSchema, SCALARS, helpText, enumLabel } = await load('schema.js');

// The shapes of the landmark schema the server sends (/api/info), cut down.
const text = (max) => ({ $ref: '#/$defs/Text', properties: { zh: { maxLength: max }, en: { maxLength: max } } });
const SCHEMA = {
  type: 'object',
  properties: {
    order: { description: 'position in the series', type: 'integer', minimum: 1, maximum: 99 },
    name: text(40),
    ambition: { description: 'the one-line ambition', ...text(120) },
    theme: { type: 'string', minLength: 1, maxLength: 600 },
    motifs: { $ref: '#/$defs/MotifChoice' },
    plan: { $ref: '#/$defs/Plan' },
    key_figures: { type: 'array', items: { $ref: '#/$defs/KeyFigure' }, minItems: 3, maxItems: 4 },
    highlights: { type: 'array', items: text(160), maxItems: 6, default: [] },
    quote: { anyOf: [{ $ref: '#/$defs/Quote' }, { type: 'null' }], description: 'a quote, if any' },
    qr_url: { type: ['string', 'null'], format: 'uri', maxLength: 600 },
    printed: { type: 'boolean' },
    size: { anyOf: [{ const: 'A2' }, { const: 'A3' }] },
  },
  required: ['order', 'name', 'theme', 'motifs', 'plan', 'key_figures'],
  $defs: {
    Text: {
      description: 'A user-visible string in both languages.',
      type: 'object',
      properties: { zh: { type: 'string', maxLength: 600, default: '' }, en: { type: 'string', maxLength: 600, default: '' } },
    },
    KeyFigure: {
      type: 'object',
      properties: {
        value: { anyOf: [{ type: 'string', minLength: 1, maxLength: 12 }, text(12)] },
        label: { description: 'what the figure counts', ...text(90) },
      },
      required: ['value', 'label'],
    },
    Plan: {
      type: 'object',
      properties: {
        name: text(160),
        year: { type: 'integer', minimum: 1990, maximum: 2100 },
        status: { type: 'string', enum: ['issued', 'forthcoming'], default: 'issued' },
        measures: { type: 'array', items: text(160), maxItems: 6, default: [] },
      },
      required: ['name'],
    },
    MotifChoice: {
      type: 'object',
      properties: {
        technology: { type: 'string', minLength: 1 },
        nanjing: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, maxItems: 4 },
        params: {
          type: 'object', default: {},
          additionalProperties: { type: 'object', additionalProperties: { anyOf: [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }] } },
        },
      },
      required: ['technology', 'nanjing'],
    },
    Quote: { type: 'object', properties: { text: text(400), speaker: text(40) }, required: ['text', 'speaker'] },
  },
};
const S = schemaHelpers(SCHEMA);
const prop = (...keys) => keys.reduce((s, k) => S.strip(s).properties[k], SCHEMA);
const snapshot = () => JSON.stringify(SCHEMA);

describe('resolve and strip', () => {
  test('a $ref is the definition, refined by the keys beside it', () => {
    const name = S.resolve(SCHEMA.properties.name);
    assert.equal(name.type, 'object');
    assert.deepEqual(name.properties.zh, { type: 'string', maxLength: 40, default: '' });
    assert.equal(name.description, 'A user-visible string in both languages.');
    assert.equal(name.$own, null, 'no description of its own at the reference');
  });

  test('the description written at the reference is its own, and wins', () => {
    const ambition = S.resolve(SCHEMA.properties.ambition);
    assert.equal(ambition.description, 'the one-line ambition');
    assert.equal(ambition.$own, 'the one-line ambition');
  });

  test('the definitions are not changed by refining them', () => {
    const before = snapshot();
    S.resolve(SCHEMA.properties.name);
    S.empty(SCHEMA);
    assert.equal(snapshot(), before);
  });

  test('an optional value is edited as its non-null alternative, keeping its description', () => {
    const quote = S.strip(SCHEMA.properties.quote);
    assert.equal(quote.anyOf, undefined);
    assert.deepEqual(Object.keys(quote.properties), ['text', 'speaker']);
    assert.equal(quote.$own, 'a quote, if any');
    assert.equal(S.strip(SCHEMA.properties.qr_url).type, 'string');
  });

  test('a $ref loop ends', () => {
    const loop = schemaHelpers({ $defs: { A: { $ref: '#/$defs/B' }, B: { $ref: '#/$defs/A' } } });
    assert.doesNotThrow(() => loop.resolve({ $ref: '#/$defs/A' }));
  });

  test('the older "definitions" keyword works too', () => {
    const old = schemaHelpers({ definitions: { T: { type: 'integer' } } });
    assert.equal(old.kind({ $ref: '#/definitions/T' }), 'integer');
  });
});

describe('kind', () => {
  const cases = {
    order: 'integer', name: 'bilingual', theme: 'string', motifs: 'object', plan: 'object', key_figures: 'array',
    highlights: 'array', quote: 'object', qr_url: 'string', printed: 'boolean', size: 'enum',
  };
  for (const [key, kind] of Object.entries(cases)) test(`${key} is edited as ${kind}`, () => assert.equal(S.kind(SCHEMA.properties[key]), kind));

  test('a figure that is text or a bilingual pair is same-or-different', () => {
    assert.equal(S.kind(S.strip(prop('key_figures').items).properties.value), 'same-or-different');
  });

  test('an enum, an object without properties (a map) and a union of types', () => {
    assert.equal(S.kind(prop('plan', 'status')), 'enum');
    assert.equal(S.kind(prop('motifs', 'params')), 'map');
    assert.equal(S.kind(prop('motifs', 'params').additionalProperties.additionalProperties), 'union');
    assert.equal(S.kind({}), 'any');
  });

  test('every kind a single control edits is a scalar', () => {
    for (const k of ['string', 'integer', 'number', 'enum', 'boolean', 'same-or-different']) assert.ok(SCALARS.includes(k), k);
    for (const k of ['object', 'array', 'map', 'union', 'bilingual']) assert.ok(!SCALARS.includes(k), k);
  });

  test('bilingual means exactly zh and en, both text', () => {
    assert.equal(S.bilingual(SCHEMA.properties.name), true);
    assert.equal(S.bilingual({ type: 'object', properties: { zh: { type: 'string' } } }), false);
    assert.equal(S.bilingual({ type: 'object', properties: { zh: { type: 'string' }, en: { type: 'integer' } } }), false);
  });
});

describe('empty', () => {
  test('the smallest value of each kind', () => {
    assert.deepEqual(S.empty(SCHEMA.properties.name), { zh: '', en: '' });
    assert.equal(S.empty(SCHEMA.properties.theme), '');
    assert.equal(S.empty(SCHEMA.properties.order), 1, 'an integer starts at its minimum');
    assert.equal(S.empty({ type: 'number' }), null);
    assert.equal(S.empty(SCHEMA.properties.printed), false);
    assert.equal(S.empty(SCHEMA.properties.size), 'A2');
    assert.deepEqual(S.empty(prop('motifs', 'params')), {});
  });

  test('a default is used, as a copy', () => {
    assert.equal(S.empty(prop('plan', 'status')), 'issued');
    const list = S.empty(SCHEMA.properties.highlights);
    assert.deepEqual(list, []);
    list.push('x');
    assert.deepEqual(SCHEMA.properties.highlights.default, []);
  });

  test('an object gets its required fields; a list its minimum number of items', () => {
    assert.deepEqual(S.empty(SCHEMA.properties.plan), { name: { zh: '', en: '' } });
    assert.deepEqual(S.empty(SCHEMA.properties.key_figures), Array.from({ length: 3 }, () => ({ value: '', label: { zh: '', en: '' } })));
    assert.deepEqual(S.empty(SCHEMA.properties.motifs), { technology: '', nanjing: [''] });
  });

  test('a union starts as its first alternative', () => {
    assert.equal(S.empty(prop('motifs', 'params').additionalProperties.additionalProperties), null);
  });
});

describe('matches and enumValues', () => {
  const alts = S.strip(prop('motifs', 'params').additionalProperties.additionalProperties).anyOf;
  test('a value picks its alternative of a union', () => {
    assert.deepEqual([2.5, 'battlements', true].map((v) => alts.findIndex((a) => S.matches(v, a))), [0, 1, 2]);
    assert.equal(S.matches(2.5, { type: 'integer' }), false);
    assert.equal(S.matches([], { type: 'array' }), true);
    assert.equal(S.matches({ zh: 'a', en: 'b' }, SCHEMA.properties.name), true);
  });

  test('the values an enum allows, however it is written', () => {
    assert.deepEqual(S.enumValues(S.strip(prop('plan', 'status'))), ['issued', 'forthcoming']);
    assert.deepEqual(S.enumValues(S.strip(SCHEMA.properties.size)), ['A2', 'A3']);
    assert.deepEqual(S.enumValues({ const: 'only' }), ['only']);
  });
});

test('mergeSchema refines key by key and changes neither side', () => {
  const a = { type: 'object', properties: { zh: { type: 'string', maxLength: 600 } } };
  const b = { properties: { zh: { maxLength: 40 } }, description: 'x' };
  const before = JSON.stringify([a, b]);
  assert.deepEqual(mergeSchema(a, b), { type: 'object', properties: { zh: { type: 'string', maxLength: 40 } }, description: 'x' });
  assert.equal(JSON.stringify([a, b]), before);
});

describe('help in the language shown', () => {
  const ZH = {
    type: 'object',
    properties: {
      order: { description: 'position in the series', 'x-description-zh': '在系列中的序号', type: 'integer' },
      name: { description: "the landmark's name", 'x-description-zh': '地标名称', $ref: '#/$defs/Text' },
      summary: { $ref: '#/$defs/Text' },
      quote: { anyOf: [{ $ref: '#/$defs/Quote' }, { type: 'null' }], description: 'a quote, if any', 'x-description-zh': '引语（可选）' },
      status: { description: 'issued, or still to be issued', 'x-description-zh': '已发布，或即将发布', enum: ['issued', 'forthcoming'],
        'x-enum-labels': { issued: { zh: '已发布', en: 'issued' }, forthcoming: { zh: '即将发布', en: 'forthcoming' } } },
      note: { description: 'only in English', type: 'string' },
    },
    $defs: {
      Text: { description: 'A user-visible string in both languages.', 'x-description-zh': '中英文两种文字', type: 'object',
        properties: { zh: { type: 'string' }, en: { type: 'string' } } },
      Quote: { description: 'a quote', 'x-description-zh': '一段引语', type: 'object', properties: { text: { $ref: '#/$defs/Text' } } },
    },
  };
  const H = schemaHelpers(ZH);
  const at = (k) => H.strip(ZH.properties[k]);
  test('a field\'s own help, in Chinese or English', () => {
    assert.equal(helpText(at('order'), true, 'zh'), '在系列中的序号');
    assert.equal(helpText(at('order'), true, 'en'), 'position in the series');
  });
  test('the help written at a reference beats the definition\'s, in Chinese too', () => {
    assert.equal(helpText(at('name'), true, 'zh'), '地标名称');
    assert.equal(helpText(at('name'), true, 'en'), "the landmark's name");
    assert.equal(helpText(at('name'), false, 'zh'), '地标名称');
  });
  test('a field without words of its own shows none (not its definition\'s general ones), as in English', () => {
    assert.equal(helpText(at('summary'), true, 'zh'), null);
    assert.equal(helpText(at('summary'), true, 'en'), null);
    assert.equal(helpText(at('summary'), false, 'zh'), '中英文两种文字', 'a part (an object) shows its definition\'s');
  });
  test('an optional part keeps its help in both languages', () => {
    assert.equal(helpText(at('quote'), true, 'zh'), '引语（可选）');
    assert.equal(helpText(at('quote'), true, 'en'), 'a quote, if any');
  });
  test('English where no Chinese is given', () => {
    assert.equal(helpText(at('note'), true, 'zh'), 'only in English');
  });
  test('a choice\'s name from x-enum-labels', () => {
    assert.equal(enumLabel(at('status'), 'issued', 'zh'), '已发布');
    assert.equal(enumLabel(at('status'), 'forthcoming', 'en'), 'forthcoming');
    assert.equal(enumLabel(at('status'), 'withdrawn', 'zh'), null);
    assert.equal(enumLabel(at('order'), 'issued', 'zh'), null);
  });
});
