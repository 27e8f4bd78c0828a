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
    edition: 'Edition', editionOther: 'Show the saved poster in', editionOtherBrochure: 'Show the saved brochure in', editionPick: 'Choose an edition',
    editionLoading: 'Drawing the edition…', editionSaved: (name) => `${name}: the saved text, as this edition prints it`,
    'edition.zh-en': 'Chinese and English', editionLive: 'Chinese and English, as you type', 'edition.zh': 'Chinese', 'edition.en': 'English',
    'edition.zh-Hant-en': 'Traditional Chinese and English', 'edition.zh-Hant': 'Traditional Chinese',
    'edition.ja-en': 'Japanese and English', 'edition.ja': 'Japanese', 'edition.ko-en': 'Korean and English', 'edition.ko': 'Korean',
    running: (p) => `Building the posters and the brochure… ${p}%`, done: 'The print set is ready.',
    failed: 'Nothing was lost. Here is what stopped it:', stopped: 'The export stopped.', printSet: 'Download print set (ZIP)',
    exportHint: 'Posters, the brochure and the preflight report, ready for the printer.',
    edit: 'Edit', openPdf: 'Open PDF', newTab: '(opens in a new tab)', built: (d) => `Built ${d}`, notBuilt: 'Not built yet', previewOnly: 'Preview',
    pass: 'Preflight passed', fail: 'Preflight failed', brochureNote: 'Made from all five landmarks and the campaign.',
    problems: (n) => (n === 1 ? '1 problem' : `${n} problems`), loadFailed: 'The studio could not load this page:',
    status: { written: 'written', 'up to date': 'up to date', 'not written': 'not written', failed: 'failed', checked: 'checked' },
    back: 'All posters', save: 'Save', saving: 'Saving…', undo: 'Undo last save', saved: (tm) => `Saved at ${tm}`,
    unsaved: 'Unsaved changes', allSaved: 'All changes saved', preview: 'Preview', updating: 'Updating…',
    previewStale: 'Preview not updated', noPreview: 'The poster appears here once the marked fields are fixed.', staleWith: (n) => `${n === 1 ? '1 problem' : `${n} problems`} · preview not updated`,
    overflowWith: (n) => `${n === 1 ? '1 text does' : `${n} texts do`} not fit · marked in red on the preview`, previewFailed: 'The preview could not be made:',
    fixToSave: (n) => `Not saved: ${n === 1 ? 'one field needs' : `${n} fields need`} fixing (marked in red).`,
    fixList: 'To fix before this poster can be saved:', jump: 'Go to field',
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
    'token.primary': 'primary', 'token.secondary': 'secondary', 'token.deep': 'deep', 'token.accent': 'accent', 'token.blossom': 'blossom',
    'token.ground': 'ground', 'token.tint': 'tint', 'token.paper': 'paper', 'token.ink': 'ink',
    'field.qr_url': 'QR code address', 'field.key_figures': 'Key figures', 'item.key_figures': 'Figure',
    'field.nanjing': 'Nanjing motifs', 'field.technology': 'Technology motif', 'field.params': 'Motif settings',
    'item.nanjing': 'Motif', 'field.hero_image': 'Hero image', 'item.names': 'Institution',
    // the hero image: upload, thumbnail, focal point (image.js)
    uploadPicture: 'Upload picture…', removePicture: 'Remove picture', pictureThumb: 'The chosen picture',
    pictureHint: 'JPEG, PNG or TIFF, sharp enough to print: 300 ppi at its size on the poster. It is checked before it is added.',
    checkingPicture: 'Checking the picture as the build would…', pictureAdded: 'The picture passed the print checks and is in the form.',
    tooSmallToPrint: 'Too small to print sharp:', pictureRefused: 'This picture cannot be used:',
    pictureType: 'Choose a JPEG, PNG or TIFF picture.', pictureTooBig: (mb) => `The picture is over ${mb} MB.`,
    focusPicker: 'Focal point', focusPickerRole: 'focal point picker', focusValue: (x, y) => `${x}% from the left, ${y}% from the top`,
    focusHint: 'Click or drag on the picture, or use the arrow keys (with Shift: bigger steps), to set the point kept in view when the poster crops it.',
    pictureNotShown: 'The picture cannot be shown here; the point can still be set.',

    // the fit counter, read out with a text field
    countFit: (n, cap) => `${n} characters; about ${cap} fit in this space on the poster`, countMax: (n, max) => `${n} of at most ${max} characters`,
    // history
    showHistory: 'History', historyTitle: 'Saved versions', close: 'Close', cancel: 'Cancel',
    historyIntro: 'Every save is kept here. Put any version back: it becomes the newest, and nothing is lost.',
    yourName: 'Your name', yourNameHint: 'Saved with each of your saves, so colleagues see who changed what. Kept on this computer only.',
    versionN: (n) => `Version ${n}`, current: 'Current', restoreVersion: 'Restore', someone: 'name not given',
    restoreAsk: (n) => `Put version ${n} back?`, restoreNote: 'It is saved as a new version; the one in use now stays in this list.',
    restoreDirty: 'Your unsaved edits are kept aside as a draft.', restoreYes: 'Put it back', restored: (n) => `Version ${n} is back.`,
    noVersions: 'No saved versions yet. From the next save on, every save is kept here.', historyFailed: 'The versions could not be listed:',
    // the dashboard
    changedSince: 'Changed since the last export',
    // releases: the approved print sets (releases.js)
    asReleased: (n) => `As released (${n})`, changedSinceRelease: (n) => `Changed since release ${n}`,
    releasesLink: 'Releases and sign-off →', releases: 'Releases', releasesTitle: 'Releases and sign-off',
    releasesLead: 'A release freezes the print set as it was approved: the PDFs, their preflight report, the data they were made from, a job ticket and checksums. A release is never changed afterwards, and any of them can be printed again exactly.',
    approve: 'Approve and release…', approveHint: 'Only a print set that is up to date and passes preflight is released.',
    approveTitle: 'Approve and release', approveIntro: 'The print set now exported becomes the next release. It is checked first: when it is not up to date or fails preflight, nothing is released and you are told why.',
    releaseBy: 'Approved by', releaseByHint: 'Recorded with the release. Kept on this computer for next time.', releaseByNeeded: 'Give your name: it is recorded with the release.',
    releaseNote: 'Note', releaseNoteHint: 'What this release is for, what changed, who signed it off.',
    releaseYes: 'Release', releasing: 'Releasing…', releasingText: 'Checking the print set and making the release…',
    releaseMade: (n) => `Release ${n} is made.`, releaseMadeText: 'Send the print shop its hand-off: the print PDFs, the preflight report, the job ticket and their checksums in one file.',
    handoff: 'Download the hand-off for the print shop (ZIP)', handoffShort: 'Hand-off (ZIP)',
    notReleased: 'Not released:', notReleasedHint: 'Nothing was released. Export the print set again, check it, then approve and release.',
    nowTitle: 'Now', nowAgainst: (n) => `Now, against release ${n}`,
    someChanged: (k, of, n) => `${k} of ${of} ${of === 1 ? 'file has' : 'files have'} changed since release ${n}.`,
    allReleased: (n) => `Everything is as released in release ${n}.`,
    noReleases: 'No release yet. Export the print set, check the posters, then approve and release it.',
    releasesListTitle: 'All releases', noReleasesList: 'No releases yet.', releasesFailed: 'The releases could not be listed:',
    releasesDamaged: 'A release folder cannot be read (changed by hand?):',
    releaseN: (n) => `Release ${n}`, releasedBy: (who) => `by ${who}`, releasedFiles: (n) => `Files of release ${n}`,
    kind: { print: 'For print', screen: 'For screens', social: 'For social media' },
    proof: 'Proof', proofLink: 'See what changed since the last release →', proofLoading: 'Comparing the print set with the last release…',
    proofFailed: 'The proof could not be made:', proofHint: 'Export the print set, then open the proof again.',
    proofTitle: (n) => `Proof: what changed since release ${n}`, proofTitleNew: 'Proof: everything is new (no release yet)',
    proofLead: (n) => `The print set now exported, against release ${n}: the facts that changed, then each changed page as released and now, the changed regions outlined.`,
    proofLeadNew: 'There is no release yet, so every page is new. Approve and release the print set to compare the next one with it.',
    proofFacts: 'Changed facts', proofNoFacts: 'No fact changed.', proofAllNew: 'No release to compare with: everything is new.',
    proofNothing: (n) => `Every print file is as released in release ${n}.`, proofThen: (n) => `Release ${n}`, proofNow: 'Now',
    proofPicture: (name, page, which) => `${name}, page ${page}: ${which}`, proofUnchanged: 'Unchanged',
    proofOthers: (n) => `${n} screen or social ${n === 1 ? 'file' : 'files'} changed too (listed in the proof PDF).`,
    proofStatus: { changed: 'Changed', unchanged: 'As released', new: 'New', gone: 'No longer made' },
    // a file that cannot be read
    brokenTitle: 'This landmark’s file has a mistake',
    brokenText: (file) => `The studio cannot open ${file} for editing until the file reads correctly. Fix this in the file (where is shown below), or restore an earlier version.`,
    brokenAt: (line, col) => (col ? `line ${line}, column ${col}` : `line ${line}`), checkAgain: 'Check the file again', openHistory: 'Restore an earlier version…',
    removeKey: 'Remove this key', renameKey: (k) => `Rename it to ${k}`,
    // a colleague's save
    theyChanged: (who, tm) => (who ? `${who} saved this landmark at ${tm}.` : `This landmark was changed at ${tm}, by a colleague or another program.`),
    mergedIn: 'Their changes are now in the form; your unsaved edits are kept.', updatedTo: 'The form now shows their version.',
    clashCount: (n) => (n === 1 ? 'One field was changed by both of you: choose theirs or yours at the field.' : `${n} fields were changed by both of you: choose theirs or yours at each.`),
    goToClash: 'Go to the field', dismiss: 'OK', clashTitle: 'Changed by both of you',
    theirs: (who) => (who ? `Theirs (${who})` : 'Theirs'), mine: 'Yours (not saved)', useTheirs: 'Use theirs', keepMine: 'Keep yours', absent: '(nothing)',
    chooseFirst: (n) => `Not saved yet: first choose theirs or yours for ${n === 1 ? 'the field' : `the ${n} fields`} you both changed.`,
    savedFirst: 'Not saved: a colleague saved first. Their changes are now in the form; check it and save again.',
    brokenOnDisk: 'The file was just changed outside the studio and now has a mistake, so it cannot be merged here. Your edits are kept as a draft.',
    showMistake: 'Show the mistake',
    // the campaign's texts (data/campaign.yaml): the brochure and what every poster shares
    editTexts: 'Edit texts', campaignTexts: 'Campaign and brochure texts',
    pages: 'Pages', prevPage: 'Previous page', nextPage: 'Next page', pageOf: (n, of) => `Page ${n} of ${of}`, pageN: (n) => `Page ${n}`,
    leaveCampaign: 'You have unsaved changes. Leave the campaign texts anyway? (They stay on this computer as a draft.)',
    noPreviewCampaign: 'The brochure page appears here once the marked fields are fixed.',
    fixListCampaign: 'To fix before the campaign texts can be saved:', brokenTitleCampaign: 'The campaign file has a mistake',
    theyChangedCampaign: (who, tm) => (who ? `${who} saved the campaign texts at ${tm}.` : `The campaign texts were changed at ${tm}, by a colleague or another program.`),
    'field.url': 'Web address', 'field.labels': 'Captions', 'field.words': 'Words kept together', 'field.email': 'E-mail', 'item.words': 'Word',
    'field.traditional': 'Traditional Chinese', 'field.standard': 'Standard', 'field.phrases': 'Regional words',
    'field.overrides': 'Terms written as given',
    'field.quantities': 'Print quantities', mendCampaign: 'Open the campaign texts to fix it or put an earlier version back',
  },
  zh: {
    skip: '跳到主要内容', breadcrumb: '当前位置', language: '语言',
    tagline: '南京产业地标', dashboard: '海报', heroTitle: '产业地标海报',
    heroText: '编辑每个产业地标的内容，实时查看海报变化，然后导出印刷文件。',
    export: '导出印刷文件', exporting: '正在导出…', exportTitle: '印刷文件', queued: '等待开始…',
    edition: '版本', editionOther: '查看已保存海报的版本', editionOtherBrochure: '查看已保存画册的版本', editionPick: '选择版本',
    editionLoading: '正在生成该版本…', editionSaved: (name) => `${name}：已保存的内容在此版本中的样子`,
    'edition.zh-en': '中文与英文', editionLive: '中文与英文（即时预览）', 'edition.zh': '中文', 'edition.en': '英文',
    'edition.zh-Hant-en': '繁体中文与英文', 'edition.zh-Hant': '繁体中文',
    'edition.ja-en': '日文与英文', 'edition.ja': '日文', 'edition.ko-en': '韩文与英文', 'edition.ko': '韩文',
    running: (p) => `正在生成海报和画册…… ${p}%`, done: '印刷文件已就绪。',
    failed: '没有丢失任何内容。中止原因如下：', stopped: '导出未完成。', printSet: '下载印刷文件（ZIP）',
    exportHint: '海报、画册及印前检查报告，可直接交付印刷。',
    edit: '编辑', openPdf: '打开 PDF', newTab: '（在新标签页中打开）', built: (d) => `生成于 ${d}`, notBuilt: '尚未生成', previewOnly: '预览',
    pass: '印前检查通过', fail: '印前检查未通过', brochureNote: '由五个产业地标及宣传活动内容汇编而成。',
    problems: (n) => `${n} 个问题`, loadFailed: '无法加载此页面：',
    status: { written: '已生成', 'up to date': '无变化', 'not written': '未生成', failed: '失败', checked: '已检查' },
    back: '全部海报', save: '保存', saving: '正在保存…', undo: '撤销上次保存', saved: (tm) => `已于 ${tm} 保存`,
    unsaved: '有未保存的修改', allSaved: '所有修改均已保存', preview: '预览', updating: '正在更新…',
    previewStale: '预览未更新', noPreview: '修正标红的字段后，这里将显示海报。', staleWith: (n) => `${n} 个问题 · 预览未更新`, overflowWith: (n) => `${n} 处文字放不下 · 已在预览中用红色标出`, previewFailed: '无法生成预览：',
    fixToSave: (n) => `未保存：有 ${n} 处需要修改（已标红）。`,
    fixList: '保存前需要修正：', jump: '前往该字段',
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
    'token.primary': '主色', 'token.secondary': '辅色', 'token.deep': '深色', 'token.accent': '点缀色', 'token.blossom': '花色',
    'token.ground': '底色', 'token.tint': '浅色', 'token.paper': '纸色', 'token.ink': '文字色',
    'field.order': '顺序', 'field.name': '名称', 'field.ambition': '目标', 'field.summary': '简介', 'field.theme': '配色主题',
    'field.motifs': '纹样', 'field.technology': '科技纹样', 'field.nanjing': '南京纹样', 'field.params': '纹样参数',
    'field.plan': '行动计划', 'field.year': '发布年份', 'field.status': '状态', 'field.measures': '举措',
    'field.key_figures': '关键数据', 'field.value': '数值', 'field.unit': '单位', 'field.label': '说明',
    'field.chain': '产业链', 'field.title': '标题', 'field.segments': '环节', 'field.institutions': '机构',
    'field.names': '名单', 'field.highlights': '亮点', 'field.quote': '引语', 'field.text': '引文',
    'field.speaker': '发言人', 'field.organisation': '单位', 'field.about': '单位简介', 'field.qr_url': '二维码网址',
    'field.hero_image': '主图', 'field.hero_focus': '主图焦点', 'field.x': '横向位置', 'field.y': '纵向位置', 'field.hero': '主视觉', 'field.excerpt': '摘录', 'item.key_figures': '数据', 'item.measures': '举措', 'item.segments': '环节',
    'item.names': '机构', 'item.highlights': '亮点', 'item.nanjing': '纹样',
    uploadPicture: '上传图片…', removePicture: '移除图片', pictureThumb: '所选图片',
    pictureHint: 'JPEG、PNG 或 TIFF 格式，需足够清晰以供印刷：按海报上的尺寸达到 300 ppi。添加前会先行检查。',
    checkingPicture: '正在按生成时的标准检查图片…', pictureAdded: '图片已通过印刷检查，已填入表单。',
    tooSmallToPrint: '图片太小，无法清晰印刷：', pictureRefused: '这张图片无法使用：',
    pictureType: '请选择 JPEG、PNG 或 TIFF 格式的图片。', pictureTooBig: (mb) => `图片超过 ${mb} MB。`,
    focusPicker: '焦点', focusPickerRole: '焦点选择器', focusValue: (x, y) => `距左边 ${x}%，距上边 ${y}%`,
    focusHint: '在图片上点击或拖动，或使用方向键（按住 Shift 移动更多），设定海报裁切时保留在画面中的点。',
    pictureNotShown: '此处无法显示该图片，但仍可设定焦点。',

    countFit: (n, cap) => `已输入 ${n} 字；海报上此处约可容纳 ${cap} 字`, countMax: (n, max) => `已输入 ${n} 字，最多 ${max} 字`,
    showHistory: '历史版本', historyTitle: '已保存的版本', close: '关闭', cancel: '取消',
    historyIntro: '每次保存都留存在这里。可以恢复任一版本：它会成为最新版本，不会丢失任何内容。',
    yourName: '您的姓名', yourNameHint: '随您的每次保存一起记录，便于同事了解是谁做了哪些修改。仅保存在本机。',
    versionN: (n) => `版本 ${n}`, current: '当前版本', restoreVersion: '恢复', someone: '未署名',
    restoreAsk: (n) => `恢复版本 ${n}？`, restoreNote: '它将作为新版本保存；当前使用的版本仍保留在列表中。',
    restoreDirty: '您未保存的修改将作为草稿另行保留。', restoreYes: '确认恢复', restored: (n) => `已恢复版本 ${n}。`,
    noVersions: '暂无已保存的版本。从下一次保存起，每次保存都会留存在这里。', historyFailed: '无法列出版本：',
    changedSince: '上次导出后已修改',
    asReleased: (n) => `与第 ${n} 期发布一致`, changedSinceRelease: (n) => `第 ${n} 期发布后已修改`,
    releasesLink: '发布与签批 →', releases: '发布', releasesTitle: '发布与签批',
    releasesLead: '发布会把批准时的印刷文件原样冻结：PDF、印前检查报告、生成它们所用的数据、印刷工单和校验和。发布之后不再改动，任何一期都能原样重印。',
    approve: '批准并发布…', approveHint: '只有最新且通过印前检查的印刷文件才能发布。',
    approveTitle: '批准并发布', approveIntro: '当前导出的印刷文件将成为下一期发布。发布前会先检查：如果不是最新的或未通过印前检查，就不会发布，并说明原因。',
    releaseBy: '批准人', releaseByHint: '随发布一起记录。仅保存在本机，下次自动填入。', releaseByNeeded: '请填写您的姓名：它会随发布一起记录。',
    releaseNote: '说明', releaseNoteHint: '这一期发布的用途、改了什么、由谁签批。',
    releaseYes: '发布', releasing: '正在发布…', releasingText: '正在检查印刷文件并制作发布…',
    releaseMade: (n) => `第 ${n} 期发布已完成。`, releaseMadeText: '把交付包发给印刷厂：印刷用 PDF、印前检查报告、印刷工单及其校验和，都在一个文件里。',
    handoff: '下载交给印刷厂的交付包（ZIP）', handoffShort: '交付包（ZIP）',
    notReleased: '未发布：', notReleasedHint: '没有发布任何内容。请重新导出印刷文件，检查后再批准并发布。',
    nowTitle: '当前状态', nowAgainst: (n) => `当前状态（对照第 ${n} 期发布）`,
    someChanged: (k, of, n) => `共 ${of} 个文件，其中 ${k} 个在第 ${n} 期发布后已修改。`,
    allReleased: (n) => `全部与第 ${n} 期发布一致。`,
    noReleases: '还没有发布。请先导出印刷文件、检查海报，然后批准并发布。',
    releasesListTitle: '全部发布', noReleasesList: '还没有发布。', releasesFailed: '无法列出发布：',
    releasesDamaged: '有发布文件夹无法读取（被手动改过？）：',
    releaseN: (n) => `第 ${n} 期发布`, releasedBy: (who) => `批准人：${who}`, releasedFiles: (n) => `第 ${n} 期发布的文件`,
    kind: { print: '印刷用', screen: '屏幕用', social: '社交媒体用' },
    proof: '校样', proofLink: '查看上次发布后的改动 →', proofLoading: '正在把印刷文件与上一期发布对比…',
    proofFailed: '无法生成校样：', proofHint: '请先导出印刷文件，再打开校样。',
    proofTitle: (n) => `校样：第 ${n} 期发布后的改动`, proofTitleNew: '校样：全部为新内容（尚无发布）',
    proofLead: (n) => `当前导出的印刷文件与第 ${n} 期发布对比：先列出改动的数据，再逐页并排显示发布时与现在的样子，改动处已框出。`,
    proofLeadNew: '还没有发布，因此每一页都是新的。批准并发布印刷文件后，下次即可与它对比。',
    proofFacts: '改动的数据', proofNoFacts: '数据没有改动。', proofAllNew: '没有可对比的发布：全部为新内容。',
    proofNothing: (n) => `所有印刷文件都与第 ${n} 期发布一致。`, proofThen: (n) => `第 ${n} 期发布`, proofNow: '现在',
    proofPicture: (name, page, which) => `${name}，第 ${page} 页：${which}`, proofUnchanged: '没有改动',
    proofOthers: (n) => `另有 ${n} 个屏幕或社交媒体文件也有改动（见校样 PDF）。`,
    proofStatus: { changed: '有改动', unchanged: '与发布一致', new: '新增', gone: '已不再生成' },
    brokenTitle: '此地标文件有错误',
    brokenText: (file) => `${file} 目前无法正确读取，工作室暂时不能编辑它。请在文件中修正（位置见下方），或恢复较早的版本。`,
    brokenAt: (line, col) => (col ? `第 ${line} 行第 ${col} 列` : `第 ${line} 行`), checkAgain: '重新检查文件', openHistory: '恢复较早的版本…',
    removeKey: '删除此键', renameKey: (k) => `改名为 ${k}`,
    theyChanged: (who, tm) => (who ? `${who} 于 ${tm} 保存了此地标。` : `此地标于 ${tm} 被同事或其他程序修改。`),
    mergedIn: '对方的修改已载入表单，您未保存的修改仍然保留。', updatedTo: '表单已更新为对方的版本。',
    clashCount: (n) => `有 ${n} 处你们都修改了：请在该字段处选择保留对方的还是您的。`,
    goToClash: '前往该字段', dismiss: '知道了', clashTitle: '你们都修改了此处',
    theirs: (who) => (who ? `对方（${who}）` : '对方'), mine: '您的（未保存）', useTheirs: '用对方的', keepMine: '保留您的', absent: '（无）',
    chooseFirst: (n) => `尚未保存：请先为双方都修改过的 ${n} 处字段做出选择。`,
    savedFirst: '未保存：同事先保存了。对方的修改已载入表单，请检查后再次保存。',
    brokenOnDisk: '文件刚在工作室之外被修改，且现在有错误，无法在此合并。您的修改已作为草稿保留。',
    showMistake: '查看错误',
    editTexts: '编辑文字', campaignTexts: '宣传活动与画册文字',
    pages: '页面', prevPage: '上一页', nextPage: '下一页', pageOf: (n, of) => `第 ${n} 页，共 ${of} 页`, pageN: (n) => `第 ${n} 页`,
    leaveCampaign: '有未保存的修改。仍要离开宣传活动文字吗？（修改会作为草稿保留在本机。）',
    noPreviewCampaign: '修正标红的字段后，这里将显示画册页面。',
    fixListCampaign: '保存宣传活动文字前需要修正：', brokenTitleCampaign: '宣传活动文件有错误',
    theyChangedCampaign: (who, tm) => (who ? `${who} 于 ${tm} 保存了宣传活动文字。` : `宣传活动文字于 ${tm} 被同事或其他程序修改。`),
    'field.city': '城市', 'field.series': '系列名称', 'field.launch': '活动发布', 'field.vision': '城市愿景',
    'field.development_system': '产业发展体系', 'field.city_facts': '城市数据', 'field.growth': '经济增长', 'field.advantages': '城市优势',
    'field.goal': '发展目标', 'field.goal_figures': '目标数据', 'field.outlook': '未来展望', 'field.policy': '招商政策',
    'field.brochure': '画册', 'field.contact': '联系方式', 'field.labels': '版面标签', 'field.words': '不断行的词语', 'field.items': '条目',
    'field.intro': '导语', 'field.areas': '政策领域', 'field.subtitle': '副标题', 'field.person': '联系人', 'field.email': '电子邮箱',
    'field.phone': '电话', 'field.url': '网址', 'item.city_facts': '数据', 'item.goal_figures': '数据', 'item.items': '条目',
    'field.traditional': '繁体中文', 'field.standard': '标准', 'field.phrases': '当地用语', 'field.overrides': '指定写法',
    'item.areas': '领域', 'item.words': '词语', 'field.quantities': '印刷数量', mendCampaign: '打开宣传活动文字进行修正，或恢复较早的版本',
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

/**
 * A message of the server in `lang`: the few it words for the editor's user ('about 14 characters
 * too long for this space', an unknown key, a YAML syntax error) in Chinese; anything else as it came.
 */
// The Chinese of the server's messages, as it sent them (each answer's `zh`: English -> Chinese,
// from the server's message catalogue; a problem's message_zh and where_zh)
const LEARNED = new Map();
/** Keep the Chinese an answer of the server carries for its messages. */
export function learn(json) {
  if (!json || typeof json !== 'object') return;
  if (json.zh && typeof json.zh === 'object') for (const [en, zh] of Object.entries(json.zh)) if (typeof zh === 'string') LEARNED.set(en, zh);
  for (const e of Array.isArray(json.errors) ? json.errors : []) {
    if (e && typeof e === 'object') {
      if (typeof e.message_zh === 'string') LEARNED.set(String(e.message), e.message_zh);
      if (typeof e.where_zh === 'string') LEARNED.set(String(e.where), e.where_zh);
    }
  }
}
export function serverMessage(message, lang) {
  const text = String(message ?? '');
  if (lang !== 'zh') return text;
  if (LEARNED.has(text)) return LEARNED.get(text);
  let m = text.match(/^about (\d+) characters? too long for this space$/);
  if (m) return `约多出 ${m[1]} 个字，此处放不下`;
  m = text.match(/^unknown key(?: \(did you mean '([^']+)'\?\))?/);
  if (m) return m[1] ? `未知的键（是否应为 ${m[1]}？）` : '未知的键';
  m = text.match(/^YAML syntax error: ([\s\S]*)$/);
  if (m) return `YAML 语法错误：${m[1]}`;
  return pictureMessage(text) ?? text;
}

// A picture's refusals (the build's image checks, the upload route), in Chinese: the file's name as it came.
const PICTURE_ZH = [
  [/^(.+?) is (\d+) ppi at its placed size \((\d+) x (\d+) mm, (\d+) x (\d+) px\); print needs (\d+) ppi: at least (\d+) x (\d+) px$/,
    (f, ppi, w, h, pw, ph, need, a, b) => `${f} 按海报上的尺寸（${w} × ${h} 毫米）只有 ${ppi} ppi（${pw} × ${ph} 像素）；印刷需要 ${need} ppi，即至少 ${a} × ${b} 像素`],
  [/^(.+?) is not an image Pillow can read \(expected JPEG, PNG or TIFF\)$/, (f) => `${f} 不是可读取的图片（应为 JPEG、PNG 或 TIFF 格式）`],
  [/^(.+?) is damaged or incomplete \(([\s\S]*)\); export it again$/, (f, why) => `${f} 已损坏或不完整（${why}）；请重新导出`],
  [/^(.+?) is (\d+) MB; the limit is (\d+) MB$/, (f, n, max) => `${f} 有 ${n} MB，上限为 ${max} MB`],
  [/^(.+?) is an? (\S+) image; use JPEG, PNG or TIFF$/, (f, kind) => `${f} 是 ${kind} 图片；请使用 JPEG、PNG 或 TIFF 格式`],
  [/^(.+?) is ([\d.]+) megapixels \((\d+) x (\d+)\); the limit is (\d+): scale it down \(a poster needs about (\d+)\)$/,
    (f, mp, w, h, max, need) => `${f} 有 ${mp} 百万像素（${w} × ${h}），上限为 ${max} 百万像素：请缩小（海报约需 ${need} 百万像素）`],
  [/^(.+?) is too large to open safely \(a decompression bomb\?\); the limit is (\d+) megapixels$/, (f, max) => `${f} 过大，无法安全打开；上限为 ${max} 百万像素`],
  [/^('.*'|".*") not found(?: \(did you mean ('[^']+'|"[^"]+")\?\))?$/, (f, near) => (near ? `找不到 ${f}（是否应为 ${near}？）` : `找不到 ${f}`)],
  [/^('.*'|".*") is a folder, not an image file$/, (f) => `${f} 是文件夹，不是图片文件`],
  [/^the picture is over (\d+) MB$/, (n) => `图片超过 ${n} MB`],
  [/^send a JPEG, PNG or TIFF picture\b/, () => '请选择 JPEG、PNG 或 TIFF 格式的图片'],
  [/^the picture is empty$/, () => '图片文件是空的'],
  [/^the landmark's file cannot be read; fix it before choosing a picture$/, () => '此地标的文件无法读取；请先修正，再选择图片'],
];
function pictureMessage(text) {
  for (const [re, zh] of PICTURE_ZH) {
    const m = text.match(re);
    if (m) return zh(...m.slice(1));
  }
  return null;
}

const SUMMARY_ZH = {
  'as found': '工作室首次保存前的文件', 'first version': '第一个版本', 'undo of the last save': '撤销了上次保存',
  'layout of the file only (comments, spacing)': '仅文件排版（注释、空白）', 'no change': '无变化', 'the text changed': '文本有改动',
};
/** A version's one-line diff (from the server, in English) in `lang`: the fixed notes in Chinese; a field's change keeps its values. */
export function versionSummary(summary, lang) {
  const text = String(summary ?? '');
  if (lang !== 'zh') return text;
  if (SUMMARY_ZH[text]) return SUMMARY_ZH[text];
  const m = text.match(/^version (\d+) put back$/);
  if (m) return `恢复了版本 ${m[1]}`;
  return text.replace(/ \(and (\d+) more\)$/, (_, n) => `（另有 ${n} 处）`);
}

/** The editions `poster-gen build --lang` makes, in the order the menus offer them. */
export const EDITIONS = ['zh-en', 'zh', 'en', 'zh-Hant-en', 'zh-Hant', 'ja-en', 'ja', 'ko-en', 'ko'];
