// Field paths (static/paths.js): arrays of keys and indexes, the dotted text the server's errors use.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { load } from './static.mjs';

const { fmtPath, parsePath, parentOf, getIn, setIn, renameKey } = await load('paths.js');

const CASES = [
  [['name', 'zh'], 'name.zh'],
  [['key_figures', 0, 'value'], 'key_figures[0].value'],
  [['key_figures', 1, 'value', 'en'], 'key_figures[1].value.en'],
  [['motifs', 'nanjing', 2], 'motifs.nanjing[2]'],
  [['motifs', 'params', 'circuit-traces', 'follow'], 'motifs.params.circuit-traces.follow'],
  [['matrix', 0, 3], 'matrix[0][3]'],
  [[0, 'a'], '[0].a'],
  [['theme'], 'theme'],
  [[], ''],
];

describe('fmtPath and parsePath', () => {
  test('a path is written as the server writes it', () => {
    for (const [path, text] of CASES) assert.equal(fmtPath(path), text, JSON.stringify(path));
  });

  test('the text is read back into the path', () => {
    for (const [path, text] of CASES) assert.deepEqual(parsePath(text), path, text);
  });

  test('round trips both ways', () => {
    for (const [path, text] of CASES) {
      assert.deepEqual(parsePath(fmtPath(path)), path);
      assert.equal(fmtPath(parsePath(text)), text);
    }
  });

  test('a numeric key is a key, not an index', () => {
    assert.equal(fmtPath(['params', '2']), 'params.2');
    assert.notEqual(fmtPath(['params', '2']), fmtPath(['params', 2]));
  });
});

describe('parentOf', () => {
  test('walks up one step at a time, to the empty path', () => {
    const seen = [];
    for (let p = 'key_figures[1].value.en'; p; p = parentOf(p)) seen.push(p);
    assert.deepEqual(seen, ['key_figures[1].value.en', 'key_figures[1].value', 'key_figures[1]', 'key_figures']);
    assert.equal(parentOf('key_figures'), '');
    assert.equal(parentOf(''), '');
  });

  test('agrees with dropping the last step of the path', () => {
    for (const [path] of CASES.filter(([p]) => p.length)) assert.equal(parentOf(fmtPath(path)), fmtPath(path.slice(0, -1)), fmtPath(path));
  });
});

describe('getIn and setIn', () => {
  const data = () => ({ name: { zh: '集成电路', en: 'IC' }, key_figures: [{ value: '200+' }, { value: '30' }] });

  test('getIn reads nested values, and undefined where a step is missing', () => {
    assert.equal(getIn(data(), ['name', 'zh']), '集成电路');
    assert.equal(getIn(data(), ['key_figures', 1, 'value']), '30');
    assert.equal(getIn(data(), ['quote', 'text', 'en']), undefined);
    assert.equal(getIn(data(), ['key_figures', 5, 'value']), undefined);
    assert.deepEqual(getIn(data(), []), data());
  });

  test('what setIn writes, getIn reads', () => {
    const d = data();
    for (const [path, v] of [[['name', 'en'], 'Chips'], [['key_figures', 0, 'value'], { zh: '200+', en: '200 +' }], [['order'], 3]]) {
      setIn(d, path, v);
      assert.deepEqual(getIn(d, path), v);
    }
    assert.equal(d.name.zh, '集成电路', 'the rest is untouched');
  });

  test('missing parents are made: a list before an index, else an object', () => {
    const d = {};
    setIn(d, ['quote', 'text', 'zh'], '引文');
    setIn(d, ['motifs', 'nanjing', 0], 'city-wall');
    assert.deepEqual(d, { quote: { text: { zh: '引文' } }, motifs: { nanjing: ['city-wall'] } });
  });

  test('a parent that is not an object is replaced', () => {
    const d = { key_figures: [{ value: '200+' }] };
    setIn(d, ['key_figures', 0, 'value', 'zh'], '二百');
    assert.deepEqual(d.key_figures[0].value, { zh: '二百' });
  });

  test('undefined removes an object key', () => {
    const d = data();
    setIn(d, ['name', 'en'], undefined);
    assert.deepEqual(d.name, { zh: '集成电路' });
    assert.equal('en' in d.name, false);
  });

  test('undefined in a list keeps its length', () => {
    const d = data();
    setIn(d, ['key_figures', 0], undefined);
    assert.equal(d.key_figures.length, 2);
  });
});

describe('renameKey', () => {
  test('a misspelt key renamed in place, the order kept', () => {
    const d = { order: 1, key_figurs: [1, 2, 3], chain: {} };
    assert.equal(renameKey(d, ['key_figurs'], 'key_figures'), true);
    assert.deepEqual(Object.keys(d), ['order', 'key_figures', 'chain']);
    assert.deepEqual(d.key_figures, [1, 2, 3]);
  });
  test('nested, and refused where it would lose something', () => {
    const d = { plan: { yeer: 2019, name: 'x' } };
    assert.equal(renameKey(d, ['plan', 'yeer'], 'year'), true);
    assert.deepEqual(d.plan, { year: 2019, name: 'x' });
    assert.equal(renameKey(d, ['plan', 'year'], 'name'), false, 'the new name is taken');
    assert.equal(renameKey(d, ['plan', 'nope'], 'x'), false, 'no such key');
    assert.equal(renameKey({ a: [1] }, ['a', 0], 'b'), false, 'a list item has no key');
    assert.deepEqual(d.plan, { year: 2019, name: 'x' });
  });
});
