// The studio's browser modules, for the tests: `await load('merge.js')` imports
// src/poster_gen/studio/static/merge.js. They are ES modules named .js (the studio's server sends
// .js as JavaScript) in a folder without a package.json, so a Node older than 20.19 would read them
// as CommonJS; the load hook in static-hook.mjs tells it they are modules.
import * as nodeModule from 'node:module';

export const STATIC = new URL('../../../src/poster_gen/studio/static/', import.meta.url);

nodeModule.register?.('./static-hook.mjs', import.meta.url);

/** The module `name` of the studio's static folder. */
export const load = (name) => import(new URL(name, STATIC).href);
