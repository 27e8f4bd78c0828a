// A module load hook (registered by static.mjs): the .js files of the studio's static folder are
// ES modules, as the browser loads them.
const STATIC = new URL('../../../src/poster_gen/studio/static/', import.meta.url).href;

export async function load(url, context, nextLoad) {
  if (url.startsWith(STATIC) && url.endsWith('.js')) return nextLoad(url, { ...context, format: 'module' });
  return nextLoad(url, context);
}
