// What the page shows (static/views.js): routes, export progress, thumbnails, preview size.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { load } from './static.mjs';

const { editSlug, busy, percent, latestFiles, fileDone, fileClass, fileType, errorText, thumbnailSrc, isPreviewSrc, previewWidth, counterState, located,
  unknownKey, summaryParts } = await load('views.js');

test('a hash opens a landmark in the editor, anything else the dashboard', () => {
  assert.equal(editSlug('#/edit/integrated-circuits'), 'integrated-circuits');
  for (const hash of ['', '#/', '#/edit/', '#/edit/Bad_Slug', '#/edit/a/b', '#/edit/../x', undefined]) assert.equal(editSlug(hash), null, String(hash));
});

describe('export', () => {
  test('queued and running are busy; done and failed are not', () => {
    assert.deepEqual(['queued', 'running', 'done', 'failed', null].map(busy), [true, true, false, false, false]);
  });

  test('progress as a whole percentage', () => {
    assert.deepEqual([undefined, 0, 0.424, 0.425, 1].map(percent), [0, 0, 42, 43, 100]);
  });

  test('the last word on each file, in the order files first came', () => {
    const files = [
      { name: 'posters/a.pdf', status: 'not written' }, { name: 'brochure.pdf', status: 'not written' },
      { name: 'posters/a.pdf', status: 'written', url: '/files/posters/a.pdf' }, { name: 'brochure.pdf', status: 'failed' },
    ];
    assert.deepEqual(latestFiles(files), [files[2], files[3]]);
    assert.deepEqual(latestFiles([]), []);
  });

  test('a file is done, failed or skipped', () => {
    assert.deepEqual(['written', 'up to date', 'checked'].map(fileDone), [true, true, true]);
    assert.deepEqual(['written', 'up to date', 'checked', 'failed', 'not written'].map(fileClass), ['ok', 'ok', 'ok', 'bad', 'skipped']);
  });

  test('a file\'s type badge comes from its extension', () => {
    assert.equal(fileType('posters/integrated-circuits.pdf'), 'PDF');
    assert.equal(fileType('preflight.json'), 'JSON');
    assert.equal(fileType('print-set.ZIP'), 'ZIP');
    assert.equal(fileType('README'), '');
    assert.equal(fileType('a.pdf/notes'), '');
  });

  test('error lines lose the CLI\'s prefix only', () => {
    assert.equal(errorText('error: the disk is full'), 'the disk is full');
    assert.equal(errorText('the error: stays'), 'the error: stays');
  });
});

describe('thumbnailSrc', () => {
  test('a built poster shows its PDF, fetched again after each build', () => {
    const src = thumbnailSrc({ slug: 'ic', built: '2026-05-01 10:00', file: 'posters/ic.pdf' }, true);
    assert.equal(src, '/api/thumbnail/posters/ic.pdf?width=400&v=2026-05-01%2010%3A00');
  });
  test('an unbuilt landmark shows a preview, unless it has errors; the brochure shows nothing', () => {
    assert.equal(thumbnailSrc({ slug: 'ic', built: null }, true), '/api/preview/ic.png?width=400');
    assert.equal(thumbnailSrc({ slug: 'ic', built: null, errors: ['name.zh: too long'] }, true), null);
    assert.equal(thumbnailSrc({ slug: 'brochure', built: null }, false), null);
  });
  test('a landmark changed since its export shows its saved data, the saved version in the URL', () => {
    const card = { slug: 'ic', built: '2026-05-01 10:00', file: 'posters/ic.pdf', changed: true, version: 'ab12cd34ef56ab78' };
    assert.equal(thumbnailSrc(card, true), '/api/preview/ic.png?width=400&v=ab12cd34ef56ab78');
    assert.notEqual(thumbnailSrc({ ...card, version: '99aa' }, true), thumbnailSrc(card, true), 'a save brings a new picture');
    assert.equal(thumbnailSrc({ ...card, changed: false }, true), '/api/thumbnail/posters/ic.pdf?width=400&v=2026-05-01%2010%3A00');
    assert.equal(thumbnailSrc({ slug: 'ic', built: null, changed: false, version: 'ab12' }, true), '/api/preview/ic.png?width=400&v=ab12');
  });
  test('a changed landmark with errors keeps its last export; the brochure its PDF', () => {
    const card = { slug: 'ic', built: '2026-05-01 10:00', file: 'posters/ic.pdf', changed: true, version: 'ab12', errors: ['x'] };
    assert.equal(thumbnailSrc(card, true), '/api/thumbnail/posters/ic.pdf?width=400&v=2026-05-01%2010%3A00');
    const brochure = { slug: 'brochure', built: '2026-05-01 10:00', file: 'brochure.pdf', changed: true, version: null };
    assert.equal(thumbnailSrc(brochure, false), '/api/thumbnail/brochure.pdf?width=400&v=2026-05-01%2010%3A00');
  });
  test('a preview is told from a thumbnail of the PDF', () => {
    assert.equal(isPreviewSrc('/api/preview/ic.png?width=400&v=1'), true);
    assert.equal(isPreviewSrc('/api/thumbnail/posters/ic.pdf?width=400'), false);
    assert.equal(isPreviewSrc(null), false);
  });
});

describe('counterState: what a text\'s frame holds', () => {
  test('the schema\'s limit until a preview says what the frame holds', () => {
    assert.deepEqual(counterState(20, 120, undefined), { limit: 120, level: '', fromPreview: false });
    assert.deepEqual(counterState(20, 120, 23), { limit: 23, level: '', fromPreview: true });
  });
  test('near from 90 % of the capacity, and past it while the server still takes the text (capacity is about)', () => {
    assert.equal(counterState(20, 120, 23).level, '');
    assert.equal(counterState(21, 120, 23).level, 'near');
    assert.equal(counterState(26, 120, 23).level, 'near');
  });
  test('over when the server refused the text, or past the schema\'s limit', () => {
    assert.equal(counterState(26, 120, 23, true).level, 'over');
    assert.equal(counterState(121, 120, undefined).level, 'over');
    assert.equal(counterState(109, 120, undefined).level, 'near');
  });
  test('a capacity of 0 is a capacity', () => {
    assert.deepEqual(counterState(3, 40, 0), { limit: 0, level: 'near', fromPreview: true });
  });
});

describe('the server\'s messages', () => {
  test('a located message in its parts', () => {
    assert.deepEqual(located("data/landmarks/ic.yaml:42:10: YAML syntax error: did not find expected ',' or ']'"),
      { file: 'data/landmarks/ic.yaml', line: 42, column: 10, message: "YAML syntax error: did not find expected ',' or ']'" });
    assert.deepEqual(located('data/landmarks/ic.yaml:7: a tab in the indentation'),
      { file: 'data/landmarks/ic.yaml', line: 7, column: null, message: 'a tab in the indentation' });
    assert.deepEqual(located('data/landmarks/ic.yaml: key_figurs: unknown key'),
      { file: 'data/landmarks/ic.yaml', line: null, column: null, message: 'key_figurs: unknown key' });
    assert.deepEqual(located('the file cannot be read for editing'), { file: null, line: null, column: null, message: 'the file cannot be read for editing' });
  });
  test('an unknown key and the key the loader guesses was meant', () => {
    const message = "unknown key (did you mean 'key_figures'?); expected one of: order, name, key_figures";
    assert.deepEqual(unknownKey({ field: 'key_figurs', message }), { key: 'key_figurs', suggestion: 'key_figures' });
    assert.deepEqual(unknownKey({ field: 'plan.yeer', message: 'unknown key; expected one of: name, year' }), { key: 'plan.yeer', suggestion: null });
    assert.equal(unknownKey({ field: 'name.zh', message: 'about 3 characters too long for this space' }), null);
    assert.equal(unknownKey({ field: '', message: 'unknown key' }), null);
  });
  test('a version\'s one-line diff: the field apart from the change', () => {
    assert.deepEqual(summaryParts('key_figures[0].value: 200+ → 250+'), { field: 'key_figures[0].value', change: '200+ → 250+' });
    assert.deepEqual(summaryParts('motifs.params.circuit-traces.follow: — → battlements'), { field: 'motifs.params.circuit-traces.follow', change: '— → battlements' });
    assert.deepEqual(summaryParts('as found'), { field: null, change: 'as found' });
    assert.deepEqual(summaryParts('version 1 put back'), { field: null, change: 'version 1 put back' });
  });
});

test('the preview is rendered at the frame\'s pixels, in steps of 100, at most 1400', () => {
  assert.equal(previewWidth(460, 1), 500);
  assert.equal(previewWidth(460, 2), 1000);
  assert.equal(previewWidth(undefined, undefined), 500, 'before the frame is laid out');
  assert.equal(previewWidth(900, 3), 1400);
  assert.equal(previewWidth(400, 1), 400);
});
