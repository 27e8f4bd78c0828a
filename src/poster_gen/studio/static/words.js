// Words: every UI string in both languages, and the small rules that turn keys and values into
// text. Pure: no DOM, no storage (the page keeps the chosen language and passes it in).

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every UI string, by language; a value is a string, a function of the message's arguments, or a table. */
export const STRINGS = {
  en: {
    skip: 'Skip to content', breadcrumb: 'Where you are', language: 'Language',
    tagline: 'Nanjing industrial landmarks', dashboard: 'Posters', heroTitle: 'Industrial landmark posters',
    heroText: 'Edit the facts of each landmark, watch its poster change, then export the print set.',
    export: 'Export print set', exporting: 'Exporting…', exportTitle: 'Print set', queued: 'Waiting to start…',
    running: (p) => `Building the posters and the brochure… ${p}%`, done: 'The print set is ready.',
    failed: 'Nothing was lost. Here is what stopped it:', stopped: 'The export stopped.', printSet: 'Download print set (ZIP)',
    exportHint: 'Posters, the brochure and the preflight report, ready for the printer.',
    edit: 'Edit', openPdf: 'Open PDF', newTab: '(opens in a new tab)', built: (d) => `Built ${d}`, notBuilt: 'Not built yet', previewOnly: 'Preview',
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
    loading: 'Loading…', sections: 'Sections', showPreview: 'Preview', showForm: 'Edit form',
    remove: 'Remove', addField: (f) => `+ Add ${f}`, removeField: (f) => `Remove ${f}`, addItem: (f) => `+ Add ${f}`,
    moveUp: 'Move up', moveDown: 'Move down', atLeast: (n) => `At least ${n} needed`, atMost: (n) => `At most ${n}`,
    langZh: 'Chinese', langEn: 'English', unknown: 'unknown', sameBoth: 'Same in both languages', differentEach: 'Different per language', noneYet: 'None yet.',
    addEntry: '+ Add entry', newKey: 'name', keyName: 'Name', valueType: 'Kind of value',
    'type.number': 'Number', 'type.string': 'Text', 'type.boolean': 'Yes / no', 'type.integer': 'Whole number',
    'enum.issued': 'Issued', 'enum.forthcoming': 'Forthcoming',
    'field.qr_url': 'QR code address', 'field.key_figures': 'Key figures', 'item.key_figures': 'Figure',
    'field.nanjing': 'Nanjing motifs', 'field.technology': 'Technology motif', 'field.params': 'Motif settings',
    'item.nanjing': 'Motif', 'field.hero_image': 'Hero image', 'item.names': 'Institution',
  },
  zh: {
    skip: '跳到主要内容', breadcrumb: '当前位置', language: '语言',
    tagline: '南京产业地标', dashboard: '海报', heroTitle: '产业地标海报',
    heroText: '编辑每个产业地标的内容，实时查看海报变化，然后导出印刷文件。',
    export: '导出印刷文件', exporting: '正在导出…', exportTitle: '印刷文件', queued: '等待开始…',
    running: (p) => `正在生成海报和画册…… ${p}%`, done: '印刷文件已就绪。',
    failed: '没有丢失任何内容。中止原因如下：', stopped: '导出未完成。', printSet: '下载印刷文件（ZIP）',
    exportHint: '海报、画册及印前检查报告，可直接交付印刷。',
    edit: '编辑', openPdf: '打开 PDF', newTab: '（在新标签页中打开）', built: (d) => `生成于 ${d}`, notBuilt: '尚未生成', previewOnly: '预览',
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
    loading: '正在加载…', sections: '栏目', showPreview: '预览', showForm: '编辑表单',
    remove: '删除', addField: (f) => `+ 添加${f}`, removeField: (f) => `删除${f}`, addItem: (f) => `+ 添加${f}`,
    moveUp: '上移', moveDown: '下移', atLeast: (n) => `至少需要 ${n} 项`, atMost: (n) => `最多 ${n} 项`,
    langZh: '中文', langEn: '英文', unknown: '未知', sameBoth: '中英文相同', differentEach: '中英文不同', noneYet: '暂无。',
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
    'field.hero_image': '主图', 'field.hero': '主视觉', 'field.excerpt': '摘录', 'item.key_figures': '数据', 'item.measures': '举措', 'item.segments': '环节',
    'item.names': '机构', 'item.highlights': '亮点', 'item.nanjing': '纹样',
  },
};

/**
 * `key` looked up in one language's table (`STRINGS.en`): a dotted key walks into a table
 * ('status.written'), else is taken whole ('field.qr_url'); a function is called with `args`.
 * A missing key gives the key itself, or null when the first argument is null (the caller has a
 * fallback of its own).
 */
export function translate(table, key, ...args) {
  const found = key.split('.').reduce((o, k) => (o == null ? undefined : o[k]), table) ?? table[key];
  if (found === undefined) return args[0] === null ? null : key;
  return typeof found === 'function' ? found(...args) : found;
}

/** The language to start in: the one chosen before, else Chinese for a Chinese browser, else English. */
export const initialLang = (stored, browserLanguage) => stored || (browserLanguage?.startsWith('zh') ? 'zh' : 'en');

/** The locale dates and times are written in. */
export const locale = (lang) => (lang === 'zh' ? 'zh-CN' : 'en-GB');

/** A schema key as a label: 'key_figures' -> 'Key figures'. */
export const humanize = (k) => String(k).replace(/[_-]+/g, ' ').replace(/^./, (c) => c.toUpperCase());
/** One of a list: 'Measures' -> 'Measure' (a word ending in 'ss' stays as it is). */
export const singular = (s) => (/[^s]s$/.test(s) ? s.slice(0, -1) : s);
/** A label inside a sentence: 'Key figures' -> 'key figures' (not 'QR code address'). */
export const lcFirst = (s) => (/^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s);
/** A CMYK colour as printers write it: [0, 100, 60, 10] -> 'C0 M100 Y60 K10'. */
export const cmyk = (c) => `C${c[0]} M${c[1]} Y${c[2]} K${c[3]}`;

/** A short line for a list item's header: the texts inside it, a bilingual pair in `lang` (else the other). */
export function summaryOf(v, lang) {
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (isObj(v) && Object.keys(v).every((k) => k === 'zh' || k === 'en')) return v[lang] || v.zh || v.en || '';
  if (isObj(v) || Array.isArray(v)) return Object.values(v).map((x) => summaryOf(x, lang)).filter(Boolean).join(' ');
  return '';
}
