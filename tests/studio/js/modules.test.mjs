// The studio's modules can be imported outside a browser: importing one draws nothing, fetches
// nothing and adds no globals. Only app.js, the page module, acts when it loads.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import { STATIC, load } from './static.mjs';

const PURE = ['merge.js', 'paths.js', 'schema.js', 'views.js', 'words.js'];
const BROWSER = /\b(document|window|localStorage|sessionStorage|navigator|location|history|fetch|setTimeout|requestAnimationFrame|CSS)\b/;

for (const name of [...PURE, 'form.js']) {
  test(`${name} imports without a browser and adds no globals`, async () => {
    assert.equal(typeof globalThis.document, 'undefined');
    const before = new Set(Object.getOwnPropertyNames(globalThis));
    const mod = await load(name);
    assert.ok(Object.keys(mod).length > 0, 'it exports something');
    assert.deepEqual(Object.getOwnPropertyNames(globalThis).filter((k) => !before.has(k)), []);
  });
}

for (const name of PURE) {
  test(`${name} uses no browser API and imports nothing`, async () => {
    const code = (await readFile(new URL(name, STATIC), 'utf8'))
      .replace(/'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, "''") // the words in strings are not code
      .replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, ''); // nor are comments
    assert.doesNotMatch(code, BROWSER);
    assert.doesNotMatch(code, /^\s*import\b/m, 'a pure module stands alone');
  });
}

test('the page loads app.js as a module', async () => {
  const html = await readFile(new URL('index.html', STATIC), 'utf8');
  assert.match(html, /<script type="module" src="\/static\/app\.js"><\/script>/);
});
