// poster-gen studio: the dashboard, the editor (a form generated from the schema, beside a live
// preview) and the export of the print set. Plain ES2020 modules, no build step.
import { createForm, el } from './form.js';

// -- words: every UI string, in both languages ---------------------------------------------------
const STRINGS = {
  en: {
    tagline: 'Nanjing industrial landmarks', dashboard: 'Posters', heroTitle: 'Industrial landmark posters',
    heroText: 'Edit the facts of each landmark, watch its poster change, then export the print set.',
    export: 'Export print set', exporting: 'Exporting…', exportTitle: 'Print set', queued: 'Waiting to start…',
    running: (p) => `Building the posters and the brochure… ${p}%`, done: 'The print set is ready.',
    failed: 'Nothing was lost. Here is what stopped it:', stopped: 'The export stopped.', printSet: 'Download print set (ZIP)',
    exportHint: 'Posters, the brochure and the preflight report, ready for the printer.',
    edit: 'Edit', openPdf: 'PDF', built: (d) => `Built ${d}`, notBuilt: 'Not built yet', previewOnly: 'Preview',
    pass: 'Preflight passed', fail: 'Preflight failed', brochureNote: 'Made from all five landmarks and the campaign.',
    problems: (n) => (n === 1 ? '1 problem' : `${n} problems`), loadFailed: 'The studio could not load this page:',
    status: { written: 'written', 'up to date': 'up to date', 'not written': 'not written', failed: 'failed', checked: 'checked' },
    back: 'All posters', save: 'Save', saving: 'Saving…', undo: 'Undo last save', saved: (tm) => `Saved at ${tm}`,
    unsaved: 'Unsaved changes', allSaved: 'All changes saved', preview: 'Preview', updating: 'Updating…',
    previewStale: 'Preview not updated', noPreview: 'The poster appears here once the marked fields are fixed.', staleWith: (n) => `${n === 1 ? '1 problem' : `${n} problems`} · preview not updated`, previewFailed: 'The preview could not be made:',
    fixToSave: (n) => `Not saved: ${n === 1 ? 'one field needs' : `${n} fields need`} fixing (marked in red).`,
    fixList: 'To fix before this poster can be saved or previewed:', jump: 'Go to field',
    stale: 'This landmark was changed outside the studio since you opened it (a colleague, or another program). Nothing was overwritten, and your edits are still here.',
    loadNewer: 'Load the newer version', keepEditing: 'Keep editing',
    draftFound: (tm) => `You have edits from ${tm} that were not saved.`, draftKept: 'The newer version is loaded. Your own edits are kept aside: put them back on top of it (the other changes stay wherever you did not edit), or discard them.',
    restore: 'Put my edits back', discard: 'Discard them', nothingToUndo: 'Nothing to undo: there is no earlier saved version.',
    undone: 'Went back to the version before the last save. Press “Redo” to put that save back.',
    redone: 'The undone save is back.', redo: 'Redo', redoHint: 'Put back the save you just undid', confirmUndo: 'Undo the last save? Your unsaved changes will be discarded.',
    leave: 'You have unsaved changes. Leave this poster anyway? (They stay on this computer as a draft.)',
    offline: 'Cannot reach the studio. Is it still running?', tooBig: 'This is too much text to save (over 1 MiB).',
    loading: 'Loading…', sections: 'Sections',
    remove: 'Remove', addField: (f) => `+ Add ${f}`, removeField: (f) => `Remove ${f}`, addItem: (f) => `+ Add ${f}`,
    moveUp: 'Move up', moveDown: 'Move down', atLeast: (n) => `At least ${n} needed`, atMost: (n) => `At most ${n}`,
    unknown: 'unknown', sameBoth: 'Same in both languages', differentEach: 'Different per language', noneYet: 'None yet.',
    addEntry: '+ Add entry', newKey: 'name', keyName: 'Name', valueType: 'Kind of value',
    'type.number': 'Number', 'type.string': 'Text', 'type.boolean': 'Yes / no', 'type.integer': 'Whole number',
    'enum.issued': 'Issued', 'enum.forthcoming': 'Forthcoming',
    'field.qr_url': 'QR code address', 'field.key_figures': 'Key figures', 'item.key_figures': 'Figure',
    'field.nanjing': 'Nanjing motifs', 'field.technology': 'Technology motif', 'field.params': 'Motif settings',
    'item.nanjing': 'Motif', 'field.hero_image': 'Hero image', 'item.names': 'Institution',
  },
  zh: {
    tagline: '南京产业地标', dashboard: '海报', heroTitle: '产业地标海报',
    heroText: '编辑每个产业地标的内容，实时查看海报变化，然后导出印刷文件。',
    export: '导出印刷文件', exporting: '正在导出…', exportTitle: '印刷文件', queued: '等待开始…',
    running: (p) => `正在生成海报和画册…… ${p}%`, done: '印刷文件已就绪。',
    failed: '没有丢失任何内容。中止原因如下：', stopped: '导出未完成。', printSet: '下载印刷文件（ZIP）',
    exportHint: '海报、画册及印前检查报告，可直接交付印刷。',
    edit: '编辑', openPdf: 'PDF', built: (d) => `生成于 ${d}`, notBuilt: '尚未生成', previewOnly: '预览',
    pass: '印前检查通过', fail: '印前检查未通过', brochureNote: '由五个产业地标及宣传活动内容汇编而成。',
    problems: (n) => `${n} 个问题`, loadFailed: '无法加载此页面：',
    status: { written: '已生成', 'up to date': '无变化', 'not written': '未生成', failed: '失败', checked: '已检查' },
    back: '全部海报', save: '保存', saving: '正在保存…', undo: '撤销上次保存', saved: (tm) => `已于 ${tm} 保存`,
    unsaved: '有未保存的修改', allSaved: '所有修改均已保存', preview: '预览', updating: '正在更新…',
    previewStale: '预览未更新', noPreview: '修正标红的字段后，这里将显示海报。', staleWith: (n) => `${n} 个问题 · 预览未更新`, previewFailed: '无法生成预览：',
    fixToSave: (n) => `未保存：有 ${n} 处需要修改（已标红）。`,
    fixList: '保存或预览前需要修正：', jump: '前往该字段',
    stale: '自您打开以来，此地标文件已在工作室之外被修改（同事或其他程序）。没有任何内容被覆盖，您的修改仍在此处。',
    loadNewer: '加载较新的版本', keepEditing: '继续编辑',
    draftFound: (tm) => `您在 ${tm} 有未保存的修改。`, draftKept: '已加载较新的版本。您的修改已另行保留：可将其恢复到新版本之上（您未改动之处保留他人的修改），或放弃。',
    restore: '恢复我的修改', discard: '放弃这些修改', nothingToUndo: '无可撤销：没有更早的已保存版本。',
    undone: '已恢复到上次保存之前的版本。点击“重做”可恢复该次保存。',
    redone: '已恢复被撤销的保存。', redo: '重做', redoHint: '恢复刚刚撤销的保存', confirmUndo: '撤销上次保存？未保存的修改将被放弃。',
    leave: '有未保存的修改。仍要离开此海报吗？（修改会作为草稿保留在本机。）',
    offline: '无法连接工作室，它还在运行吗？', tooBig: '文字过多，无法保存（超过 1 MiB）。',
    loading: '正在加载…', sections: '栏目',
    remove: '删除', addField: (f) => `+ 添加${f}`, removeField: (f) => `删除${f}`, addItem: (f) => `+ 添加${f}`,
    moveUp: '上移', moveDown: '下移', atLeast: (n) => `至少需要 ${n} 项`, atMost: (n) => `最多 ${n} 项`,
    unknown: '未知', sameBoth: '中英文相同', differentEach: '中英文不同', noneYet: '暂无。',
    addEntry: '+ 添加条目', newKey: 'name', keyName: '名称', valueType: '值的类型',
    'type.number': '数字', 'type.string': '文字', 'type.boolean': '是 / 否', 'type.integer': '整数',
    'enum.issued': '已发布', 'enum.forthcoming': '即将发布',
    'field.order': '顺序', 'field.name': '名称', 'field.ambition': '目标', 'field.summary': '简介', 'field.theme': '配色主题',
    'field.motifs': '纹样', 'field.technology': '科技纹样', 'field.nanjing': '南京纹样', 'field.params': '纹样参数',
    'field.plan': '行动计划', 'field.year': '发布年份', 'field.status': '状态', 'field.measures': '举措',
    'field.key_figures': '关键数据', 'field.value': '数值', 'field.unit': '单位', 'field.label': '说明',
    'field.chain': '产业链', 'field.title': '标题', 'field.segments': '环节', 'field.institutions': '机构',
    'field.names': '名单', 'field.highlights': '亮点', 'field.quote': '引语', 'field.text': '引文',
    'field.speaker': '发言人', 'field.organisation': '单位', 'field.about': '单位简介', 'field.qr_url': '二维码网址',
    'field.hero_image': '主图', 'item.key_figures': '数据', 'item.measures': '举措', 'item.segments': '环节',
    'item.names': '机构', 'item.highlights': '亮点', 'item.nanjing': '纹样',
  },
};
let LANG = localStorage.getItem('pgStudio.lang') || (navigator.language?.startsWith('zh') ? 'zh' : 'en');
function t(key, ...args) {
  const found = key.split('.').reduce((o, k) => (o == null ? undefined : o[k]), STRINGS[LANG]) ?? STRINGS[LANG][key];
  if (found === undefined) return args[0] === null ? null : key;
  return typeof found === 'function' ? found(...args) : found;
}
const clock = (d = new Date()) => d.toLocaleTimeString(LANG === 'zh' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit' });

// -- talking to the server -------------------------------------------------------------------------
async function api(method, url, { body, etag, signal, raw } = {}) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (etag) headers['If-Match'] = etag;
  let r;
  try {
    r = await fetch(url, { method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    return { status: 0, ok: false, json: { error: t('offline') } };
  }
  const type = r.headers.get('content-type') || '';
  const out = { status: r.status, ok: r.ok, headers: r.headers };
  if (raw && r.ok) out.blob = await r.blob();
  else if (type.includes('json')) out.json = await r.json().catch(() => ({}));
  else out.json = { error: `${r.status} ${r.statusText}` };
  return out;
}
let infoPromise = null;
const getInfo = () => (infoPromise ||= api('GET', '/api/info').then((r) => {
  if (!r.ok) { infoPromise = null; throw new Error(r.json.error || `HTTP ${r.status}`); }
  return r.json;
}));

// -- the page frame --------------------------------------------------------------------------------
const app = document.getElementById('app');
const crumbs = document.getElementById('crumbs');
function paintFrame() {
  document.documentElement.lang = LANG === 'zh' ? 'zh-Hans' : 'en';
  document.querySelectorAll('[data-i18n]').forEach((n) => { n.textContent = t(n.dataset.i18n); });
  document.querySelectorAll('#lang-toggle [data-l]').forEach((n) => n.classList.toggle('on', n.dataset.l === LANG));
  document.getElementById('lang-toggle').setAttribute('aria-label', LANG === 'zh' ? 'Switch to English' : '切换到中文');
}
document.getElementById('lang-toggle').addEventListener('click', () => {
  LANG = LANG === 'zh' ? 'en' : 'zh';
  localStorage.setItem('pgStudio.lang', LANG);
  paintFrame();
  if (ed) mountEditor(); else showDashboard(true);
});
const button = (text, attrs = {}) => el('button', { type: 'button', class: 'btn', ...attrs, text });
function errorBox(title, detail) {
  return el('div', { class: 'notice error', role: 'alert' }, el('strong', { text: title }), detail ? el('p', { text: detail }) : null);
}

// -- routing, with a guard for unsaved work ------------------------------------------------------------
let here = location.hash || '#/';
window.addEventListener('hashchange', () => {
  if (ed && ed.dirty && location.hash !== here && !confirm(t('leave'))) { history.replaceState(null, '', here); return; }
  route();
});
window.addEventListener('beforeunload', (e) => { if (ed && ed.dirty) { saveDraft(); e.preventDefault(); e.returnValue = ''; } });
function route() {
  here = location.hash || '#/';
  const m = here.match(/^#\/edit\/([a-z0-9-]+)$/);
  if (ed) closeEditor();
  if (m) openEditor(m[1]); else showDashboard();
}

// -- dashboard --------------------------------------------------------------------------------------
let dash = null; // the last /api/dashboard answer
async function showDashboard(cached = false) {
  document.title = 'poster-gen studio';
  crumbs.replaceChildren();
  const grid = el('div', { class: 'grid', id: 'cards' });
  app.replaceChildren(el('div', { class: 'dashboard' },
    el('section', { class: 'hero' },
      el('div', {}, el('h1', { text: t('heroTitle') }), el('p', { class: 'lead', text: t('heroText') })),
      el('div', { class: 'hero-action' }, button(t('export'), { id: 'export', class: 'btn primary big', onclick: startExport,
        disabled: exp.state === 'queued' || exp.state === 'running' }), el('small', { text: t('exportHint') }))),
    el('section', { id: 'export-panel', class: 'panel export', hidden: !exp.job }), grid));
  paintExport();
  if (dash && cached) paintCards(grid);
  const r = await api('GET', '/api/dashboard');
  if (!r.ok) { grid.replaceWith(errorBox(t('loadFailed'), r.json.error)); return; }
  dash = r.json;
  if (grid.isConnected) paintCards(grid);
}
function paintCards(grid) {
  grid.replaceChildren(...dash.landmarks.map((c) => card(c, true)), card(dash.brochure, false));
}
function card(c, editable) {
  const href = editable ? `#/edit/${c.slug}` : c.url;
  const src = c.built ? `/api/thumbnail/${c.file}?width=400&v=${encodeURIComponent(c.built)}`
    : editable && !c.errors ? `/api/preview/${c.slug}.png?width=400` : null;
  const img = src ? el('img', { src, alt: '', loading: 'lazy', onerror: (e) => e.target.replaceWith(el('div', { class: 'thumb-empty' })) })
    : el('div', { class: 'thumb-empty' });
  const badge = c.preflight ? el('span', { class: `badge ${c.preflight}`, text: t(c.preflight) })
    : el('span', { class: 'badge none', text: t('notBuilt') });
  return el('article', { class: `card${c.errors ? ' broken' : ''}`, 'data-slug': c.slug },
    el(href ? 'a' : 'div', { class: 'thumb', href, target: editable ? null : '_blank', tabindex: href ? '-1' : null, 'aria-hidden': 'true' },
      img, !c.built && src ? el('span', { class: 'thumb-tag', text: t('previewOnly') }) : null),
    el('div', { class: 'card-body' },
      el('h2', { lang: 'zh-Hans', text: c.title.zh }), el('p', { class: 'title-en', lang: 'en', text: c.title.en }),
      editable ? null : el('p', { class: 'note', text: t('brochureNote') }),
      c.errors ? el('ul', { class: 'card-errors' }, c.errors.slice(0, 3).map((x) => el('li', { text: x }))) : null,
      el('div', { class: 'meta' }, badge, el('span', { class: 'when', text: c.built ? t('built', c.built) : '' }))),
    el('div', { class: 'card-actions' },
      editable ? el('a', { class: 'btn edit', href: `#/edit/${c.slug}`, text: t('edit'), 'aria-label': `${t('edit')} ${c.title[LANG]}` }) : null,
      c.url ? el('a', { class: 'btn ghost', href: c.url, target: '_blank', rel: 'noopener', text: t('openPdf') }) : null));
}

// -- export ---------------------------------------------------------------------------------------------
const exp = { job: null, state: null, progress: 0, files: [], errors: [] };
async function startExport() {
  if (exp.state === 'queued' || exp.state === 'running') return;
  Object.assign(exp, { job: 'starting', state: 'queued', progress: 0, files: [], errors: [] });
  paintExport();
  const r = await api('POST', '/api/build');
  if (r.status !== 202) { Object.assign(exp, { state: 'failed', errors: [r.json.error || `HTTP ${r.status}`] }); paintExport(); return; }
  exp.job = r.json.job;
  poll();
}
async function poll() {
  const r = await api('GET', `/api/build/${exp.job}`);
  if (!r.ok) { Object.assign(exp, { state: 'failed', errors: [r.json.error || `HTTP ${r.status}`] }); paintExport(); return; }
  Object.assign(exp, r.json);
  paintExport();
  if (exp.state === 'queued' || exp.state === 'running') setTimeout(poll, 300);
  else if (!ed) showDashboard(true);
}
function paintExport() { // built once, then updated in place (the same elements while they fill)
  const panel = document.getElementById('export-panel');
  const btn = document.getElementById('export');
  const busy = exp.state === 'queued' || exp.state === 'running';
  if (btn) { btn.disabled = busy; btn.textContent = busy ? t('exporting') : t('export'); }
  if (!panel || !exp.job) return;
  panel.hidden = false;
  panel.className = `panel export state-${exp.state}`;
  if (!panel.querySelector('#export-progress')) {
    panel.replaceChildren(
      el('div', { class: 'export-head' }, el('h2', { text: t('exportTitle') }), el('p', { class: 'export-state', role: 'status' })),
      el('div', { id: 'export-progress', class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100',
        'aria-label': t('exportTitle') }, el('div', { class: 'bar' })),
      el('ul', { id: 'export-files', class: 'files' }), el('div', { class: 'export-errors' }), el('div', { class: 'export-end' }));
  }
  const pct = Math.round((exp.progress || 0) * 100);
  panel.querySelector('.export-state').textContent = exp.state === 'queued' ? t('queued') : busy ? t('running', pct) : exp.state === 'done' ? t('done') : t('stopped');
  const bar = panel.querySelector('#export-progress');
  bar.setAttribute('aria-valuenow', String(pct));
  bar.dataset.state = exp.state;
  bar.firstChild.style.width = `${pct}%`;
  const files = [...new Map(exp.files.map((f) => [f.name, f])).values()]; // the last word on each file
  const list = panel.querySelector('#export-files');
  if (list.dataset.sig !== JSON.stringify(files)) {
    list.dataset.sig = JSON.stringify(files);
    list.replaceChildren(...files.map((f) => {
      const ok = ['written', 'up to date', 'checked'].includes(f.status);
      return el('li', { class: ok ? 'ok' : f.status === 'failed' ? 'bad' : 'skipped' }, ok && f.url ? el('a', { href: f.url, target: '_blank', rel: 'noopener', text: f.name }) : el('span', { text: f.name }),
        el('span', { class: 'file-status', text: t('status')[f.status] || f.status }));
    }));
  }
  const errs = panel.querySelector('.export-errors');
  if (errs.dataset.sig !== JSON.stringify(exp.errors)) {
    errs.dataset.sig = JSON.stringify(exp.errors);
    errs.replaceChildren(...(exp.errors.length ? [el('div', { class: 'notice error', role: 'alert' }, el('strong', { text: t('failed') }),
      el('ul', {}, exp.errors.map((x) => el('li', { text: x.replace(/^error:\s*/, '') }))))] : []));
  }
  const endBox = panel.querySelector('.export-end');
  if ((exp.state === 'done') !== !!endBox.firstChild) {
    endBox.replaceChildren(...(exp.state === 'done' ? [el('a', { id: 'print-set', class: 'btn primary', href: '/api/print-set.zip',
      download: 'print-set.zip', text: `⤓ ${t('printSet')}` })] : []));
  }
}

// -- editor -----------------------------------------------------------------------------------------------
let ed = null; // the open landmark: slug, etag, data, baseline, form, dirty, errors, preview state
const draftKey = (slug) => `pgStudio.draft.${slug}`;
function saveDraft() {
  if (!ed || !ed.data) return;
  if (ed.dirty) localStorage.setItem(draftKey(ed.slug), JSON.stringify({ data: ed.data, base: JSON.parse(ed.baseline), etag: ed.etag, at: Date.now() }));
  else localStorage.removeItem(draftKey(ed.slug));
}
function closeEditor() {
  if (ed.dirty) saveDraft();
  ed.ctl?.abort();
  clearTimeout(ed.timer);
  if (ed.previewUrl) URL.revokeObjectURL(ed.previewUrl);
  ed = null;
}
async function openEditor(slug) {
  ed = { slug, etag: null, data: null, baseline: '', dirty: false, errors: [], banner: null, status: '' };
  const mine = ed;
  app.replaceChildren(el('p', { class: 'loading', text: t('loading') }));
  try {
    const [info, r] = await Promise.all([getInfo(), api('GET', `/api/landmarks/${slug}`)]);
    if (mine !== ed) return;
    if (!r.ok) throw new Error(r.json.error || `HTTP ${r.status}`);
    Object.assign(ed, { info, data: r.json, etag: r.headers.get('ETag'), baseline: JSON.stringify(r.json) });
  } catch (err) {
    if (mine === ed) app.replaceChildren(errorBox(t('loadFailed'), err.message), el('p', {}, el('a', { href: '#/', text: `← ${t('back')}` })));
    return;
  }
  offerDraft();
  mountEditor();
  refreshPreview();
}
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
function merge3(base, mine, theirs) { // my edits on top of a newer version: theirs stays wherever I changed nothing
  if (same(mine, base)) return theirs;
  if (same(theirs, base) || same(mine, theirs)) return mine;
  const obj = (v) => v && typeof v === 'object' && !Array.isArray(v);
  if (obj(base) && obj(mine) && obj(theirs)) {
    const out = {};
    for (const k of new Set([...Object.keys(theirs), ...Object.keys(mine)])) {
      const v = merge3(base[k], mine[k], theirs[k]);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  if ([base, mine, theirs].every(Array.isArray) && base.length === mine.length && base.length === theirs.length) {
    return base.map((b, i) => merge3(b, mine[i], theirs[i]));
  }
  return mine; // both changed the same thing: the user's typing wins, as they asked
}
function offerDraft(kept = false) {
  const d = JSON.parse(localStorage.getItem(draftKey(ed.slug)) || 'null');
  if (!d || JSON.stringify(d.data) === ed.baseline) { localStorage.removeItem(draftKey(ed.slug)); return; }
  const theirs = JSON.parse(ed.baseline);
  const mine = d.etag === ed.etag || !d.base ? d.data : merge3(d.base, d.data, theirs);
  ed.banner = { kind: 'draft', text: kept ? t('draftKept') : t('draftFound', new Date(d.at).toLocaleString(LANG === 'zh' ? 'zh-CN' : 'en-GB')),
    actions: [[t('restore'), () => { ed.data = mine; ed.banner = null; mountEditor(); changed(); }],
      [t('discard'), () => { localStorage.removeItem(draftKey(ed.slug)); ed.banner = null; paintBanner(); }]] };
}
function mountEditor() {
  const title = ed.data?.name || {};
  document.title = `${title.zh || ed.slug} · poster-gen studio`;
  crumbs.replaceChildren(el('a', { href: '#/', text: t('dashboard') }), el('span', { class: 'sep', text: '/' }),
    el('span', { lang: 'zh-Hans', text: title.zh || ed.slug }), el('span', { class: 'crumb-en', text: title.en || '' }));
  const form = createForm({ schema: ed.info.schema, data: ed.data, info: ed.info, t, lang: () => LANG, onChange: changed });
  ed.form = form;
  const img = el('img', { id: 'preview', alt: t('preview'), src: ed.previewUrl || '' });
  if (!ed.previewUrl) img.removeAttribute('src');
  app.replaceChildren(el('div', { class: 'editor' },
    el('div', { class: 'toolbar' },
      el('a', { class: 'back', href: '#/', text: `← ${t('back')}` }),
      el('div', { class: 'doc-title' }, el('h1', { lang: 'zh-Hans', text: title.zh || ed.slug }), el('span', { lang: 'en', text: title.en || '' })),
      el('span', { id: 'dirty', class: 'pill' }),
      el('p', { id: 'status', role: 'status', 'aria-live': 'polite' }),
      button(ed.undone ? t('redo') : t('undo'), { id: 'undo', class: 'btn ghost', onclick: undo, title: ed.undone ? t('redoHint') : null }),
      button(t('save'), { id: 'save', class: 'btn primary', onclick: save })),
    el('div', { id: 'banner' }),
    el('div', { class: 'editor-body' },
      el('div', { class: 'form-col' },
        el('nav', { class: 'sections', 'aria-label': t('sections') }, form.sections().map(([k, name]) => button(name, { class: 'chip',
          onclick: () => document.getElementById(`sec-${k}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' }) }))),
        el('div', { id: 'problems' }),
        el('form', { id: 'editor-form', novalidate: true, autocomplete: 'off', onsubmit: (e) => { e.preventDefault(); save(); } }, form.el)),
      el('aside', { class: 'preview-col', 'aria-label': t('preview') },
        el('div', { class: 'preview-head' }, el('span', { text: t('preview') }), el('span', { id: 'preview-state', class: 'preview-state' })),
        el('div', { id: 'preview-frame', class: 'preview-frame' }, img, el('p', { class: 'preview-empty', id: 'preview-empty' }),
          el('div', { class: 'spinner', 'aria-hidden': 'true' }))))));
  setErrors(ed.errors);
  paintStatus();
  paintBanner();
  paintPreviewState();
}
function changed() {
  ed.dirty = JSON.stringify(ed.data) !== ed.baseline;
  ed.status = '';
  paintStatus();
  clearTimeout(ed.timer);
  ed.timer = setTimeout(() => { saveDraft(); refreshPreview(); }, 400);
}
function paintStatus() {
  const dirty = document.getElementById('dirty');
  if (!dirty) return;
  dirty.textContent = ed.dirty ? `● ${t('unsaved')}` : t('allSaved');
  dirty.className = `pill ${ed.dirty ? 'dirty' : 'clean'}`;
  document.getElementById('status').textContent = ed.status || '';
  document.getElementById('status').className = ed.statusKind || '';
  const save = document.getElementById('save');
  save.disabled = !ed.dirty || ed.saving;
  save.textContent = ed.saving ? t('saving') : t('save');
  document.title = `${ed.dirty ? '● ' : ''}${ed.data?.name?.zh || ed.slug} · poster-gen studio`;
}
function say(text, kind = '') { ed.status = text; ed.statusKind = kind; paintStatus(); }
function setErrors(list) {
  ed.errors = list || [];
  const unplaced = ed.form ? ed.form.setErrors(ed.errors) : ed.errors;
  const box = document.getElementById('problems');
  if (!box) return;
  box.replaceChildren();
  if (!ed.errors.length) return;
  box.append(el('div', { class: 'notice error problems', role: 'alert' },
    el('strong', { text: `${t('problems', ed.errors.length)} — ${t('fixList')}` }),
    el('ul', {}, ed.errors.map((e) => el('li', {}, unplaced.includes(e) ? el('span', { text: e.where || e.message })
      : el('button', { type: 'button', class: 'link', title: t('jump'), onclick: () => ed.form.focusField(e.field) },
        el('code', { text: e.field }), ` ${e.message}`))))));
}
function paintBanner() {
  const box = document.getElementById('banner');
  if (!box) return;
  const b = ed.banner;
  box.replaceChildren(...(b ? [el('div', { class: `notice banner ${b.kind}`, role: 'alert' }, el('p', { text: b.text }),
    el('div', { class: 'actions' }, b.actions.map(([text, fn], i) => button(text, { class: `btn${i ? ' ghost' : ' primary'}`, onclick: fn }))))] : []));
}

// preview: the form's current data, rendered by the server; stale requests are cancelled
async function refreshPreview() {
  if (!ed) return;
  const mine = ed;
  ed.ctl?.abort();
  const ctl = (ed.ctl = new AbortController());
  ed.updating = true;
  paintPreviewState();
  const frame = document.getElementById('preview-frame');
  const width = Math.min(1400, Math.ceil(((frame?.clientWidth || 460) * (window.devicePixelRatio || 1)) / 100) * 100);
  let r;
  try {
    r = await api('POST', `/api/preview/${ed.slug}.png?width=${width}`, { body: ed.data, signal: ctl.signal, raw: true });
  } catch (err) { return; } // aborted: a newer request is on its way
  if (mine !== ed || ctl !== ed.ctl) return;
  ed.updating = false;
  if (r.ok) {
    if (ed.previewUrl) URL.revokeObjectURL(ed.previewUrl);
    ed.previewUrl = URL.createObjectURL(r.blob);
    ed.previewStale = false;
    ed.previewError = null;
    const img = document.getElementById('preview');
    if (img) img.src = ed.previewUrl;
    setErrors([]);
  } else if (r.status === 422) {
    ed.previewStale = true;
    ed.previewError = null;
    setErrors(r.json.errors);
  } else {
    ed.previewStale = true;
    ed.previewError = r.json.error || `HTTP ${r.status}`;
  }
  paintPreviewState();
}
function paintPreviewState() {
  const frame = document.getElementById('preview-frame');
  const state = document.getElementById('preview-state');
  if (!frame) return;
  frame.classList.toggle('updating', !!ed.updating);
  frame.classList.toggle('stale', !!ed.previewStale);
  frame.classList.toggle('empty', !ed.previewUrl);
  document.getElementById('preview-empty').textContent = ed.previewStale ? t('noPreview') : t('loading');
  state.className = `preview-state${ed.previewStale && !ed.updating ? ' warn' : ''}`;
  const first = ed.errors.find((e) => e.field);
  state.replaceChildren(ed.updating ? t('updating') : ed.previewError ? `${t('previewFailed')} ${ed.previewError}`
    : ed.previewStale && first ? el('button', { type: 'button', class: 'link', onclick: () => ed.form.focusField(first.field),
      text: t('staleWith', ed.errors.length) }) : ed.previewStale ? t('previewStale') : '');
}

// saving, undo, and a file changed elsewhere
async function save() {
  if (!ed || ed.saving || !ed.dirty) return;
  ed.saving = true;
  paintStatus();
  const sent = JSON.stringify(ed.data);
  const mine = ed;
  const r = await api('PUT', `/api/landmarks/${ed.slug}`, { body: ed.data, etag: ed.etag });
  mine.saving = false;
  if (mine !== ed) return; // the user went elsewhere meanwhile; the save itself is done
  if (r.ok) {
    ed.etag = r.headers.get('ETag') || `"${r.json.etag}"`;
    ed.baseline = sent;
    ed.dirty = JSON.stringify(ed.data) !== sent;
    ed.undone = false;
    document.getElementById('undo').textContent = t('undo');
    saveDraft();
    setErrors([]);
    say(t('saved', clock()), 'ok');
  } else if (r.status === 422) {
    setErrors(r.json.errors);
    say(t('fixToSave', r.json.errors.length), 'error');
    const first = r.json.errors.find((e) => e.field);
    if (first) ed.form.focusField(first.field);
  } else if (r.status === 412) {
    staleBanner();
    say('', '');
  } else {
    say(r.status === 413 ? t('tooBig') : r.json.error || `HTTP ${r.status}`, 'error');
  }
}
function staleBanner() {
  saveDraft();
  ed.banner = { kind: 'stale', text: t('stale'), actions: [[t('loadNewer'), reloadFromDisk], [t('keepEditing'), () => { ed.banner = null; paintBanner(); }]] };
  paintBanner();
}
async function reloadFromDisk(message) {
  saveDraft(); // the user's typing survives the reload, as a draft they can put back
  const mine = ed;
  const r = await api('GET', `/api/landmarks/${ed.slug}`);
  if (mine !== ed) return;
  if (!r.ok) { say(r.json.error || `HTTP ${r.status}`, 'error'); return; }
  Object.assign(ed, { data: r.json, etag: r.headers.get('ETag'), baseline: JSON.stringify(r.json), dirty: false, banner: null, errors: [] });
  offerDraft(true);
  mountEditor();
  if (typeof message === 'string') say(message, 'ok');
  refreshPreview();
}
async function undo() {
  if (!ed) return;
  if (ed.dirty && !confirm(t('confirmUndo'))) return;
  const mine = ed;
  const r = await api('POST', `/api/landmarks/${ed.slug}/undo`, { etag: ed.etag });
  if (mine !== ed) return;
  if (r.ok) {
    localStorage.removeItem(draftKey(ed.slug));
    ed.dirty = false;
    const redo = ed.undone;
    ed.undone = !redo;
    await reloadFromDisk(redo ? t('redone') : t('undone'));
  } else if (r.status === 409) say(t('nothingToUndo'), 'info');
  else if (r.status === 412) staleBanner();
  else say(r.json.error || `HTTP ${r.status}`, 'error');
}
document.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's' && ed) { e.preventDefault(); save(); }
});

paintFrame();
route();
