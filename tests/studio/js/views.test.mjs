// What the page shows (static/views.js): routes, export progress, thumbnails, preview size.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { load } from './static.mjs';

const { editSlug, busy, percent, latestFiles, fileDone, fileClass, fileType, errorText, thumbnailSrc, previewWidth } = await load('views.js');

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
});

test('the preview is rendered at the frame\'s pixels, in steps of 100, at most 1400', () => {
  assert.equal(previewWidth(460, 1), 500);
  assert.equal(previewWidth(460, 2), 1000);
  assert.equal(previewWidth(undefined, undefined), 500, 'before the frame is laid out');
  assert.equal(previewWidth(900, 3), 1400);
  assert.equal(previewWidth(400, 1), 400);
});
