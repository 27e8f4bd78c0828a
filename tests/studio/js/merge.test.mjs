// The three-way merge of drafts (static/merge.js): my unsaved edits put back on top of a newer version.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { load } from './static.mjs';

const { same, merge3, mergeClashes, openClashes, draftKey, draftRecord, draftToRestore } = await load('merge.js');

const base = {
  order: 1,
  name: { zh: '集成电路', en: 'Integrated Circuits' },
  theme: 'ink',
  key_figures: [{ value: '200+', label: { zh: '企业', en: 'enterprises' } }, { value: '30', label: { zh: '院所', en: 'institutes' } }],
  quote: { text: { zh: '引文', en: 'A quote' } },
};
const copy = (v) => structuredClone(v);
const edit = (fn) => { const v = copy(base); fn(v); return v; };

describe('merge3', () => {
  test('without my edits, theirs is the answer', () => {
    const theirs = edit((v) => { v.theme = 'jade'; });
    assert.deepEqual(merge3(base, copy(base), theirs), theirs);
  });

  test('without their edits, mine is the answer', () => {
    const mine = edit((v) => { v.order = 2; });
    assert.deepEqual(merge3(base, mine, copy(base)), mine);
  });

  test('edits of different fields on both sides are all kept', () => {
    const mine = edit((v) => { v.name.zh = '芯片'; v.key_figures[0].value = '220+'; });
    const theirs = edit((v) => { v.name.en = 'Chips'; v.key_figures[1].label.en = 'labs'; v.theme = 'jade'; });
    assert.deepEqual(merge3(base, mine, theirs), edit((v) => {
      v.name = { zh: '芯片', en: 'Chips' };
      v.key_figures[0].value = '220+';
      v.key_figures[1].label.en = 'labs';
      v.theme = 'jade';
    }));
  });

  test('where both sides changed the same field, my edit wins', () => {
    const mine = edit((v) => { v.name.en = 'Mine'; });
    const theirs = edit((v) => { v.name.en = 'Theirs'; v.order = 7; });
    const out = merge3(base, mine, theirs);
    assert.equal(out.name.en, 'Mine');
    assert.equal(out.order, 7, 'their edit elsewhere stays');
  });

  test('the same change on both sides is taken once', () => {
    const both = edit((v) => { v.theme = 'jade'; });
    assert.deepEqual(merge3(base, both, copy(both)), both);
  });

  test('a field they removed stays removed where I did not touch it', () => {
    const mine = edit((v) => { v.order = 3; });
    const theirs = edit((v) => { delete v.quote; });
    const out = merge3(base, mine, theirs);
    assert.equal('quote' in out, false);
    assert.equal(out.order, 3);
  });

  test('a field I removed stays removed where they did not touch it', () => {
    const mine = edit((v) => { delete v.quote; });
    const theirs = edit((v) => { v.theme = 'jade'; });
    const out = merge3(base, mine, theirs);
    assert.equal('quote' in out, false);
    assert.equal(out.theme, 'jade');
  });

  test('I removed what they changed: my removal wins', () => {
    const mine = edit((v) => { delete v.quote; });
    const theirs = edit((v) => { v.quote.text.en = 'Another quote'; });
    assert.equal('quote' in merge3(base, mine, theirs), false);
  });

  test('fields added on either side are kept', () => {
    const mine = edit((v) => { v.hero_image = 'assets/images/ic.jpg'; });
    const theirs = edit((v) => { v.qr_url = 'https://example.org/ic'; });
    const out = merge3(base, mine, theirs);
    assert.equal(out.hero_image, 'assets/images/ic.jpg');
    assert.equal(out.qr_url, 'https://example.org/ic');
  });

  test('lists whose length changed are not merged item by item: mine is taken whole', () => {
    const park = { value: '5', label: { zh: '园区', en: 'parks' } };
    const mine = edit((v) => { v.key_figures[0].value = '220+'; });
    const theirs = edit((v) => { v.key_figures[1].value = '35'; v.key_figures.push(park); });
    assert.deepEqual(merge3(base, mine, theirs).key_figures, mine.key_figures, 'they added an item');
    const mine2 = edit((v) => { v.key_figures.push(park); });
    const theirs2 = edit((v) => { v.key_figures[0].value = '210+'; });
    assert.deepEqual(merge3(base, mine2, theirs2).key_figures, mine2.key_figures, 'I added an item');
  });

  test('a value that changed shape on both sides (text to bilingual pair) is mine', () => {
    const mine = edit((v) => { v.key_figures[0].value = { zh: '200+', en: '200 +' }; });
    const theirs = edit((v) => { v.key_figures[0].value = '210+'; });
    assert.deepEqual(merge3(base, mine, theirs).key_figures[0].value, { zh: '200+', en: '200 +' });
  });

  test('the inputs are not changed', () => {
    const mine = edit((v) => { v.name.zh = '芯片'; });
    const theirs = edit((v) => { v.name.en = 'Chips'; });
    const before = JSON.stringify([base, mine, theirs]);
    merge3(base, mine, theirs);
    assert.equal(JSON.stringify([base, mine, theirs]), before);
  });

  test('same compares JSON values', () => {
    assert.equal(same({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), true);
    assert.equal(same({ a: 1 }, { a: 2 }), false);
    assert.equal(same(undefined, undefined), true);
    assert.equal(same(undefined, null), false);
  });
});

describe('drafts', () => {
  const baseline = JSON.stringify(base);

  test('each landmark has its own storage key', () => {
    assert.equal(draftKey('integrated-circuits'), 'pgStudio.draft.integrated-circuits');
    assert.notEqual(draftKey('a'), draftKey('b'));
  });

  test('a record keeps the data, the version it was made on, the ETag and the time', () => {
    const mine = edit((v) => { v.order = 5; });
    const rec = draftRecord(mine, baseline, '"v1"', 1700000000000);
    assert.deepEqual(rec, { data: mine, base, etag: '"v1"', at: 1700000000000 });
    assert.deepEqual(JSON.parse(JSON.stringify(rec)), rec, 'it survives localStorage');
  });

  test('nothing to restore without a draft, or when the draft is the loaded version', () => {
    assert.equal(draftToRestore(null, baseline, '"v1"'), null);
    assert.equal(draftToRestore(draftRecord(copy(base), baseline, '"v1"', 0), baseline, '"v1"'), null);
  });

  test('a draft made on the loaded version is restored as it is', () => {
    const mine = edit((v) => { v.order = 5; });
    assert.deepEqual(draftToRestore(draftRecord(mine, baseline, '"v1"', 0), baseline, '"v1"'), mine);
  });

  test('a draft made on an older version is merged on top of the loaded one', () => {
    const mine = edit((v) => { v.name.zh = '芯片'; });
    const newer = edit((v) => { v.name.en = 'Chips'; v.theme = 'jade'; });
    const out = draftToRestore(draftRecord(mine, baseline, '"v1"', 0), JSON.stringify(newer), '"v2"');
    assert.deepEqual(out, edit((v) => { v.name = { zh: '芯片', en: 'Chips' }; v.theme = 'jade'; }));
  });

  test('a draft that records no base version is restored as it is', () => {
    const mine = edit((v) => { v.order = 5; });
    const newer = edit((v) => { v.theme = 'jade'; });
    assert.deepEqual(draftToRestore({ data: mine, etag: '"v1"', at: 0 }, JSON.stringify(newer), '"v2"'), mine);
  });
});

describe('mergeClashes: a colleague\'s save and my unsaved edits', () => {
  test('edits of different fields merge, with no clash', () => {
    const mine = edit((v) => { v.key_figures[0].value = '220+'; });
    const theirs = edit((v) => { v.name.en = 'Chips'; });
    const { merged, clashes } = mergeClashes(base, mine, theirs);
    assert.deepEqual(clashes, []);
    assert.equal(merged.key_figures[0].value, '220+');
    assert.equal(merged.name.en, 'Chips');
  });

  test('the same field changed differently is a clash: its path and both values, mine kept meanwhile', () => {
    const mine = edit((v) => { v.key_figures[0].value = '220+'; v.order = 4; });
    const theirs = edit((v) => { v.key_figures[0].value = '250+'; v.theme = 'jade'; });
    const { merged, clashes } = mergeClashes(base, mine, theirs);
    assert.deepEqual(clashes, [{ path: ['key_figures', 0, 'value'], base: '200+', mine: '220+', theirs: '250+' }]);
    assert.equal(merged.key_figures[0].value, '220+', 'nothing decided: the field still shows what the user typed');
    assert.equal(merged.theme, 'jade');
    assert.equal(merged.order, 4);
  });

  test('each clash is found, in both languages of a text', () => {
    const mine = edit((v) => { v.name = { zh: '芯片', en: 'Chips' }; });
    const theirs = edit((v) => { v.name = { zh: '集成电路产业', en: 'IC industry' }; });
    assert.deepEqual(mergeClashes(base, mine, theirs).clashes.map((c) => c.path), [['name', 'zh'], ['name', 'en']]);
  });

  test('a field they removed and I changed clashes, theirs absent', () => {
    const mine = edit((v) => { v.quote.text.en = 'Mine'; });
    const theirs = edit((v) => { delete v.quote; });
    const { merged, clashes } = mergeClashes(base, mine, theirs);
    assert.equal(clashes.length, 1);
    assert.deepEqual(clashes[0].path, ['quote']);
    assert.equal(clashes[0].theirs, undefined);
    assert.deepEqual(merged.quote, mine.quote);
  });

  test('lists whose length changed on one side clash as a whole', () => {
    const mine = edit((v) => { v.key_figures[0].value = '220+'; });
    const theirs = edit((v) => { v.key_figures.push({ value: '5', label: { zh: '园区', en: 'parks' } }); });
    const { clashes } = mergeClashes(base, mine, theirs);
    assert.deepEqual(clashes.map((c) => c.path), [['key_figures']]);
  });

  test('the same change on both sides is no clash', () => {
    const both = edit((v) => { v.theme = 'jade'; });
    assert.deepEqual(mergeClashes(base, both, copy(both)).clashes, []);
  });

  test('merge3 is the merged data of mergeClashes', () => {
    const mine = edit((v) => { v.name.en = 'Mine'; });
    const theirs = edit((v) => { v.name.en = 'Theirs'; v.order = 7; });
    assert.deepEqual(merge3(base, mine, theirs), mergeClashes(base, mine, theirs).merged);
  });
});

describe('openClashes', () => {
  const clash = (path, mine, theirs) => ({ path, mine, theirs });
  test('a newer clash of the same field replaces the earlier one; others stay', () => {
    const a = clash(['name', 'en'], 'Mine', 'Theirs');
    const b = clash(['order'], 4, 5);
    const a2 = clash(['name', 'en'], 'Mine', 'Theirs again');
    const theirs = { name: { en: 'Theirs again' }, order: 5 };
    assert.deepEqual(openClashes([a, b], [a2], theirs), [b, a2]);
  });
  test('a clash their newer version settles (it now says what I typed) is closed', () => {
    const a = clash(['name', 'en'], 'Mine', 'Theirs');
    assert.deepEqual(openClashes([a], [], { name: { en: 'Mine' } }), []);
    assert.deepEqual(openClashes([a], [], { name: { en: 'Theirs' } }), [a]);
  });
});
