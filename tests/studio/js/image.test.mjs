// The hero image's pure helpers (static/image.js) and the Chinese of a picture's refusals (words.js).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { load } from './static.mjs';

const { PICTURE_TYPES, isPicturePath, focusPathFor, picturePathFor, isFocusSchema, pictureType, assetSrc, pointOf, pointAt, nudge, percents,
  refusalMessages, namedAs, tooSmall } = await load('image.js');
const { STRINGS, serverMessage } = await load('words.js');

describe('which fields are a picture and its focal point', () => {
  test('a key ending in _image is a picture; its _focus sibling is its focal point', () => {
    assert.equal(isPicturePath(['hero_image']), true);
    assert.equal(isPicturePath(['gallery', 0, 'cover_image']), true);
    for (const path of [['image'], ['hero'], ['hero_image', 'x'], ['hero_images'], [0], []]) assert.equal(isPicturePath(path), false, String(path));
    assert.deepEqual(focusPathFor(['hero_image']), ['hero_focus']);
    assert.deepEqual(focusPathFor(['gallery', 0, 'cover_image']), ['gallery', 0, 'cover_focus']);
    assert.deepEqual(picturePathFor(['hero_focus']), ['hero_image']);
    assert.equal(picturePathFor(['focus']), null);
    assert.equal(picturePathFor(['hero_focus', 'x']), null);
  });

  test('a focal point is an object of x and y, numbers from 0 to 1', () => {
    const n = { type: 'number', minimum: 0, maximum: 1 };
    assert.equal(isFocusSchema({ type: 'object', properties: { x: n, y: n } }), true);
    assert.equal(isFocusSchema({ type: 'object', properties: { x: n, y: n, z: n } }), false);
    assert.equal(isFocusSchema({ type: 'object', properties: { x: n, y: { ...n, maximum: 100 } } }), false);
    assert.equal(isFocusSchema({ type: 'object', properties: { x: { type: 'string' }, y: n } }), false);
    assert.equal(isFocusSchema({ type: 'string' }), false);
    assert.equal(isFocusSchema(undefined), false);
  });
});

describe('what is uploaded', () => {
  test('the types the build prints, by the browser’s word or else by the name', () => {
    assert.deepEqual(PICTURE_TYPES, ['image/jpeg', 'image/png', 'image/tiff']);
    assert.equal(pictureType('a.jpg', 'image/jpeg'), 'image/jpeg');
    assert.equal(pictureType('scan.TIF', ''), 'image/tiff');
    assert.equal(pictureType('photo.jpeg', ''), 'image/jpeg');
    assert.equal(pictureType('x.png', undefined), 'image/png');
    assert.equal(pictureType('anim.gif', 'image/gif'), null);
    assert.equal(pictureType('photo.jpg', 'image/webp'), null, 'the browser knows better than the name');
    assert.equal(pictureType('notes.txt', ''), null);
    assert.equal(pictureType('noext', ''), null);
  });

  test('a refusal: the 422 errors, else the one error, else the status', () => {
    assert.deepEqual(refusalMessages(422, { errors: [{ field: 'hero_image', message: 'a' }, { message: 'b' }] }), ['a', 'b']);
    assert.deepEqual(refusalMessages(413, { error: 'the picture is over 80 MB' }), ['the picture is over 80 MB']);
    assert.deepEqual(refusalMessages(500, {}), ['HTTP 500']);
    assert.deepEqual(refusalMessages(502, null), ['HTTP 502']);
  });

  test('the refusal names the file as the user chose it', () => {
    const kept = 'assets/images/integrated-circuits-hero-000dd654810f.jpg is 24 ppi at its placed size (426 x 161 mm, 400 x 300 px); print needs 300 ppi: at least 5031 x 1898 px';
    assert.equal(namedAs(kept, 'tiny.jpg'), 'tiny.jpg is 24 ppi at its placed size (426 x 161 mm, 400 x 300 px); print needs 300 ppi: at least 5031 x 1898 px');
    assert.equal(namedAs("'assets/images/a-b-hero-0123456789ab.png' is not an image Pillow can read (expected JPEG, PNG or TIFF)", 'x.png'),
      'x.png is not an image Pillow can read (expected JPEG, PNG or TIFF)');
    assert.equal(namedAs('the picture is over 80 MB', 'x.png'), 'the picture is over 80 MB');
    assert.equal(namedAs('assets/images/mine.jpg is 24 ppi at its placed size', 'x.jpg'), 'assets/images/mine.jpg is 24 ppi at its placed size', 'a name the user gave stays');
    assert.equal(tooSmall([kept]), true);
    assert.equal(tooSmall(['the picture is over 80 MB', ['pictureType']]), false);
  });
});

describe('where a picture is shown', () => {
  test('a picture under assets/ through /api/assets, its names escaped', () => {
    assert.equal(assetSrc('assets/images/hero.jpg', 200), '/api/assets/images/hero.jpg?width=200');
    assert.equal(assetSrc('./assets/a b/照片.PNG'), `/api/assets/a%20b/${encodeURIComponent('照片')}.PNG?width=400`);
    assert.equal(assetSrc(' assets/x.tiff '), '/api/assets/x.tiff?width=400');
    assert.equal(assetSrc('assets/images/a#b?.jpg'), '/api/assets/images/a%23b%3F.jpg?width=400');
  });

  test('anything else is not shown', () => {
    for (const ref of ['', 'images/hero.jpg', '/assets/hero.jpg', 'assets/../data/x.jpg', 'assets/./x.jpg', 'assets/.hidden.jpg',
      'assets/a//b.jpg', 'assets/a\\b.jpg', 'assets/x.jpg\0', 'assets/fonts/LICENSE.txt', 'assets/x.gif', 'assets/', null, undefined, 3]) {
      assert.equal(assetSrc(ref), null, String(ref));
    }
  });
});

describe('the focal point', () => {
  test('as the model reads it: 0 to 1, the centre where it is missing or wrong', () => {
    assert.deepEqual(pointOf({ x: 0.3, y: 0.8 }), { x: 0.3, y: 0.8 });
    assert.deepEqual(pointOf(undefined), { x: 0.5, y: 0.5 });
    assert.deepEqual(pointOf({ x: null, y: 2 }), { x: 0.5, y: 1 });
    assert.deepEqual(pointOf({ x: '0.2', y: NaN }), { x: 0.5, y: 0.5 });
    assert.deepEqual(percents({ x: 0.255, y: 0 }), [26, 0]);
  });

  test('a click: the point of the picture under it, to a hundredth, inside the picture', () => {
    const rect = { left: 100, top: 50, width: 400, height: 200 };
    assert.deepEqual(pointAt(200, 200, rect), { x: 0.25, y: 0.75 });
    assert.deepEqual(pointAt(100, 50, rect), { x: 0, y: 0 });
    assert.deepEqual(pointAt(433.3, 117.7, rect), { x: 0.83, y: 0.34 });
    assert.deepEqual(pointAt(20, 900, rect), { x: 0, y: 1 }, 'a drag past the edge stays on the edge');
    assert.equal(pointAt(1, 1, { left: 0, top: 0, width: 0, height: 10 }), null, 'a picture not drawn yet');
    assert.equal(pointAt(1, 1, null), null);
  });

  test('the arrow keys: a hundredth, a tenth with Shift, never past an edge', () => {
    assert.deepEqual(nudge({ x: 0.5, y: 0.5 }, 'ArrowRight'), { x: 0.51, y: 0.5 });
    assert.deepEqual(nudge({ x: 0.5, y: 0.5 }, 'ArrowUp'), { x: 0.5, y: 0.49 });
    assert.deepEqual(nudge({ x: 0.5, y: 0.5 }, 'ArrowDown', true), { x: 0.5, y: 0.6 });
    assert.deepEqual(nudge({ x: 0.07, y: 0.5 }, 'ArrowLeft', true), { x: 0, y: 0.5 });
    assert.deepEqual(nudge({ x: 1, y: 1 }, 'ArrowRight'), { x: 1, y: 1 });
    assert.deepEqual(nudge(undefined, 'ArrowLeft'), { x: 0.49, y: 0.5 }, 'from the centre when not set yet');
    let p = { x: 0.1, y: 0.1 };
    for (let i = 0; i < 7; i++) p = nudge(p, 'ArrowRight');
    assert.deepEqual(p, { x: 0.17, y: 0.1 }, 'no drift: 0.1 + 7 × 0.01');
    for (const key of ['Enter', 'a', 'Home', 'Tab']) assert.equal(nudge({ x: 0.5, y: 0.5 }, key), null, key);
  });
});

describe('the words', () => {
  test('every word of the picture in both languages', () => {
    const keys = ['uploadPicture', 'removePicture', 'pictureThumb', 'pictureHint', 'checkingPicture', 'pictureAdded', 'tooSmallToPrint',
      'pictureRefused', 'pictureType', 'pictureTooBig', 'focusPicker', 'focusPickerRole', 'focusValue', 'focusHint', 'pictureNotShown'];
    for (const k of keys) for (const lang of ['en', 'zh']) assert.ok(STRINGS[lang][k], `${lang}.${k}`);
    assert.equal(STRINGS.zh.focusValue(30, 75), '距左边 30%，距上边 75%');
    assert.equal(STRINGS.en.focusValue(30, 75), '30% from the left, 75% from the top');
    assert.doesNotMatch(STRINGS.zh.uploadPicture + STRINGS.zh.removePicture + STRINGS.zh.tooSmallToPrint + STRINGS.zh.focusPicker, /[A-Za-z]/);
  });

  const ZH = [
    ['tiny.jpg is 24 ppi at its placed size (426 x 161 mm, 400 x 300 px); print needs 300 ppi: at least 5031 x 1898 px',
      'tiny.jpg 按海报上的尺寸（426 × 161 毫米）只有 24 ppi（400 × 300 像素）；印刷需要 300 ppi，即至少 5031 × 1898 像素'],
    ["'x.png' is not an image Pillow can read (expected JPEG, PNG or TIFF)", "'x.png' 不是可读取的图片（应为 JPEG、PNG 或 TIFF 格式）"],
    ["'x.jpg' is damaged or incomplete (image file is truncated); export it again", "'x.jpg' 已损坏或不完整（image file is truncated）；请重新导出"],
    ["'x.tif' is 95 MB; the limit is 80 MB", "'x.tif' 有 95 MB，上限为 80 MB"],
    ["'x.png' is a GIF image; use JPEG, PNG or TIFF", "'x.png' 是 GIF 图片；请使用 JPEG、PNG 或 TIFF 格式"],
    ["'x.jpg' is 60.0 megapixels (10000 x 6000); the limit is 50: scale it down (a poster needs about 9)",
      "'x.jpg' 有 60.0 百万像素（10000 × 6000），上限为 50 百万像素：请缩小（海报约需 9 百万像素）"],
    ["'x.png' is too large to open safely (a decompression bomb?); the limit is 50 megapixels", "'x.png' 过大，无法安全打开；上限为 50 百万像素"],
    ["'assets/images/ic.jpg' not found (did you mean 'ic.jpeg'?)", "找不到 'assets/images/ic.jpg'（是否应为 'ic.jpeg'？）"],
    ["'assets/images/ic.jpg' not found", "找不到 'assets/images/ic.jpg'"],
    ["'assets/images' is a folder, not an image file", "'assets/images' 是文件夹，不是图片文件"],
    ['the picture is over 80 MB', '图片超过 80 MB'],
    ['send a JPEG, PNG or TIFF picture (Content-Type: image/jpeg, image/png or image/tiff)', '请选择 JPEG、PNG 或 TIFF 格式的图片'],
    ['the picture is empty', '图片文件是空的'],
    ["the landmark's file cannot be read; fix it before choosing a picture", '此地标的文件无法读取；请先修正，再选择图片'],
  ];
  test('a picture’s refusals in Chinese, the file named as it came', () => {
    for (const [en, zh] of ZH) {
      assert.equal(serverMessage(en, 'zh'), zh);
      assert.equal(serverMessage(en, 'en'), en, 'in English as it came');
    }
  });

  test('messages that only look alike stay as they came', () => {
    for (const text of ['file not found', 'project folder not found', 'is 24 ppi somewhere', 'the picture is over the moon']) {
      assert.equal(serverMessage(text, 'zh'), text);
    }
  });
});
