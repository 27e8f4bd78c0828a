// The UI's words (static/words.js): both languages complete, lookups, labels made from keys.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { load } from './static.mjs';

const { STRINGS, translate, initialLang, locale, humanize, singular, lcFirst, cmyk, summaryOf, serverMessage, versionSummary } = await load('words.js');

describe('STRINGS', () => {
  const { en, zh } = STRINGS;
  // English may leave out a field's label (it is made from the key); Chinese may not.
  const LABEL = /^(field|item)\./;

  test('every English string is also in Chinese', () => {
    assert.deepEqual(Object.keys(en).filter((k) => !(k in zh)), []);
  });

  test('Chinese has nothing English lacks but field and item labels', () => {
    assert.deepEqual(Object.keys(zh).filter((k) => !(k in en) && !LABEL.test(k)), []);
  });

  test('a message is a function, a table or a string in both languages alike', () => {
    const shape = (v) => (typeof v === 'function' ? `function/${v.length}` : typeof v);
    for (const k of Object.keys(en)) assert.equal(shape(zh[k]), shape(en[k]), k);
    assert.deepEqual(Object.keys(zh.status).sort(), Object.keys(en.status).sort());
  });

  test('no string is empty', () => {
    for (const [lang, table] of Object.entries(STRINGS)) {
      for (const [k, v] of Object.entries(table)) {
        const text = typeof v === 'function' ? v(2) : typeof v === 'object' ? Object.values(v).join('') : v;
        assert.ok(String(text).trim(), `${lang}.${k}`);
      }
    }
  });
});

describe('translate', () => {
  test('a string, and a message with its arguments', () => {
    assert.equal(translate(STRINGS.en, 'save'), 'Save');
    assert.equal(translate(STRINGS.zh, 'save'), '保存');
    assert.equal(translate(STRINGS.en, 'problems', 1), '1 problem');
    assert.equal(translate(STRINGS.en, 'problems', 3), '3 problems');
    assert.equal(translate(STRINGS.en, 'running', 40), 'Building the posters and the brochure… 40%');
  });

  test('a dotted key walks into a table, or is taken whole', () => {
    assert.equal(translate(STRINGS.zh, 'status.written'), '已生成');
    assert.equal(translate(STRINGS.en, 'field.qr_url'), 'QR code address');
    assert.deepEqual(translate(STRINGS.en, 'status'), STRINGS.en.status);
  });

  test('a missing key is itself, or null when the caller asks for null', () => {
    assert.equal(translate(STRINGS.en, 'no-such-key'), 'no-such-key');
    assert.equal(translate(STRINGS.en, 'field.order', null), null);
    assert.equal(translate(STRINGS.zh, 'field.order', null), '顺序');
  });
});

test('the first language: the one chosen before, else the browser\'s', () => {
  assert.equal(initialLang('en', 'zh-CN'), 'en');
  assert.equal(initialLang(null, 'zh-TW'), 'zh');
  assert.equal(initialLang(null, 'en-GB'), 'en');
  assert.equal(initialLang(null, undefined), 'en');
  assert.equal(locale('zh'), 'zh-CN');
  assert.equal(locale('en'), 'en-GB');
});

describe('labels', () => {
  test('humanize makes a label of a key', () => {
    assert.equal(humanize('key_figures'), 'Key figures');
    assert.equal(humanize('hero-image'), 'Hero image');
    assert.equal(humanize(3), '3');
  });

  test('singular names one item of a list', () => {
    assert.equal(singular('Measures'), 'Measure');
    assert.equal(singular('Highlights'), 'Highlight');
    assert.equal(singular('Address'), 'Address');
    assert.equal(singular('Chain'), 'Chain');
  });

  test('lcFirst lowers a word, not an abbreviation', () => {
    assert.equal(lcFirst('Key figures'), 'key figures');
    assert.equal(lcFirst('QR code address'), 'QR code address');
    assert.equal(lcFirst('关键数据'), '关键数据');
  });

  test('cmyk writes a colour as printers do', () => {
    assert.equal(cmyk([0, 100, 60, 10]), 'C0 M100 Y60 K10');
  });
});

describe('summaryOf', () => {
  const figure = { value: '200+', unit: { zh: '家', en: '' }, label: { zh: '企业', en: 'enterprises' } };
  test('the texts inside an item, bilingual pairs in the language shown', () => {
    assert.equal(summaryOf(figure, 'en'), '200+ 家 enterprises');
    assert.equal(summaryOf(figure, 'zh'), '200+ 家 企业');
  });
  test('plain values, lists and nothing', () => {
    assert.equal(summaryOf('city-wall', 'en'), 'city-wall');
    assert.equal(summaryOf(42, 'en'), '42');
    assert.equal(summaryOf([{ zh: '甲', en: 'A' }, { zh: '乙', en: '' }], 'en'), 'A 乙');
    assert.equal(summaryOf(null, 'en'), '');
    assert.equal(summaryOf(true, 'en'), '');
  });
});

describe('the server\'s words in Chinese', () => {
  test('a text too long, an unknown key, a YAML mistake', () => {
    assert.equal(serverMessage('about 14 characters too long for this space', 'zh'), '约多出 14 个字，此处放不下');
    assert.equal(serverMessage('about 1 character too long for this space', 'zh'), '约多出 1 个字，此处放不下');
    assert.equal(serverMessage("unknown key (did you mean 'key_figures'?); expected one of: a, b", 'zh'), '未知的键（是否应为 key_figures？）');
    assert.equal(serverMessage('unknown key; expected one of: a, b', 'zh'), '未知的键');
    assert.equal(serverMessage("YAML syntax error: did not find expected ','", 'zh'), "YAML 语法错误：did not find expected ','");
  });
  test('English as it came, and what is not known as it came', () => {
    assert.equal(serverMessage('about 14 characters too long for this space', 'en'), 'about 14 characters too long for this space');
    assert.equal(serverMessage('the image is missing', 'zh'), 'the image is missing');
    assert.equal(serverMessage(undefined, 'zh'), '');
  });
  test('a version\'s summary: the fixed notes in Chinese, a field\'s values as they are', () => {
    assert.equal(versionSummary('as found', 'zh'), '工作室首次保存前的文件');
    assert.equal(versionSummary('version 3 put back', 'zh'), '恢复了版本 3');
    assert.equal(versionSummary('undo of the last save', 'zh'), '撤销了上次保存');
    assert.equal(versionSummary('key_figures[0].value: 200+ → 250+ (and 2 more)', 'zh'), 'key_figures[0].value: 200+ → 250+（另有 2 处）');
    assert.equal(versionSummary('key_figures[0].value: 200+ → 250+ (and 2 more)', 'en'), 'key_figures[0].value: 200+ → 250+ (and 2 more)');
  });
});
