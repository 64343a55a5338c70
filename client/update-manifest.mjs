// Sets the VS Code manifest fields of package.json (main, browser, contributes, activationEvents,
// engines.vscode, icon, categories, the package script and the notice-language-server bin) and
// nothing else, re-reading the file first (others edit its scripts and dependencies).
// Run: node client/update-manifest.mjs
import { readFileSync, writeFileSync } from 'node:fs';
const path = new URL('../package.json', import.meta.url);
const pkg = JSON.parse(readFileSync(path, 'utf8'));
const codes = [...readFileSync(new URL('../server/src/checks/diagnostic.ts', import.meta.url), 'utf8').split('DIAGNOSTIC_CODES = [')[1].split(']')[0].matchAll(/'([\w-]+)'/g)].map((m) => m[1]);
const severity = { type: 'string', enum: ['error', 'warning', 'information', 'hint', 'off'], enumDescriptions: ['%severity.error%', '%severity.warning%', '%severity.information%', '%severity.hint%', '%severity.off%'] };
pkg.main = './dist/client.cjs';
pkg.browser = './dist/client-browser.js';
pkg.icon = 'icons/notice.png';
pkg.categories = ['Programming Languages', 'Linters', 'Formatters', 'Snippets'];
pkg.engines = { ...pkg.engines, vscode: '^1.100.0' };
// A folder holding notices starts the extension, so the Problems panel lists their problems
// before any is opened (notice.diagnostics.workspace).
pkg.activationEvents = ['onLanguage:notice', 'workspaceContains:**/*.notice'];
pkg.bin = { ...pkg.bin, 'notice-language-server': 'bin/notice-language-server.js' };
pkg.scripts = { ...pkg.scripts, package: 'node scripts/build.mjs && vsce package --no-dependencies --allow-missing-repository --skip-license --readme-path client/README.md' };
// [command, title, icon]: the export and preview commands; in the palette also while their preview is the active editor.
const renderCommands = [
  ['notice.preview', '%command.preview%', '$(open-preview)'],
  ['notice.previewToSide', '%command.previewToSide%', '$(open-preview)'],
  ['notice.exportWord', '%command.exportWord%'],
  ['notice.exportExcel', '%command.exportExcel%'],
  ['notice.exportHtml', '%command.exportHtml%'],
];
/** The editor font for `[notice]`: see configurationDefaults below. */
const FONT_STACK = "'Sarasa Mono SC', 'Sarasa Term SC', 'Noto Sans Mono CJK SC', 'NSimSun', '新宋体', 'WenQuanYi Micro Hei Mono', monospace";
const renderWhen = "editorLangId == notice || activeWebviewPanelId == 'notice.preview'";
pkg.contributes = {
  languages: [
    {
      id: 'notice',
      aliases: ['%language.name%', '通知', 'notice'],
      extensions: ['.notice'],
      configuration: './language-configuration.json',
      icon: { light: './icons/notice-file.svg', dark: './icons/notice-file.svg' },
    },
  ],
  grammars: [{ language: 'notice', scopeName: 'source.notice', path: './syntaxes/notice.tmLanguage.json' }],
  configuration: {
    title: '%configuration.title%',
    properties: {
      'notice.catalogueYear': { type: ['integer', 'null'], default: null, minimum: 2000, maximum: 2100, markdownDescription: '%config.catalogueYear%' },
      'notice.catalogue.file': { type: ['string', 'array'], items: { type: 'string' }, default: '', markdownDescription: '%config.catalogue.file%' },
      'notice.tolerance': { type: 'number', default: 0, minimum: 0, markdownDescription: '%config.tolerance%' },
      'notice.inlayHints.enabled': { type: 'boolean', default: true, markdownDescription: '%config.inlayHints.enabled%' },
      'notice.inlayHints.allTotals': { type: 'boolean', default: false, markdownDescription: '%config.inlayHints.allTotals%' },
      'notice.diagnostics.severity': {
        type: 'object',
        default: {},
        markdownDescription: '%config.diagnostics.severity%',
        properties: Object.fromEntries(codes.map((c) => [c, severity])),
        additionalProperties: false,
      },
      'notice.diagnostics.workspace': { type: 'boolean', default: true, markdownDescription: '%config.diagnostics.workspace%' },
      'notice.noticeFolders': { type: 'array', items: { type: 'string' }, default: [], markdownDescription: '%config.noticeFolders%' },
      'notice.trace.server': { type: 'string', enum: ['off', 'messages', 'verbose'], default: 'off', scope: 'window', markdownDescription: '%config.trace.server%' },
    },
  },
  configurationDefaults: {
    '[notice]': {
      'editor.tabSize': 2,
      'editor.insertSpaces': true,
      'editor.detectIndentation': false,
      'editor.semanticHighlighting.enabled': true,
      'editor.unicodeHighlight.ambiguousCharacters': false,
      'editor.formatOnType': true,
      // Aligned columns only look aligned in a font whose CJK glyphs are exactly two Latin
      // cells wide: Sarasa (更纱黑体, any desk that installed it), Noto Sans Mono CJK (Linux),
      // 新宋体 (every Chinese Windows), WenQuanYi Micro Hei Mono (older Linux desks).
      'editor.fontFamily': FONT_STACK,
      // Words of the document are other amounts: offering them while a digit is typed
      // writes `1,008.9332,747.82`. The language server offers what fits the line instead.
      'editor.wordBasedSuggestions': 'off',
      // The server offers the skeletons as snippets where a block may start; first, so
      // that 通知 + Tab expands the notice's skeleton rather than the bare keyword.
      'editor.snippetSuggestions': 'top',
      // Notices saved by Chinese Windows editors are GB18030 (GBK): guess, rather than
      // open them as mojibake.
      'files.autoGuessEncoding': true,
    },
  },
  commands: [
    { command: 'notice.restartServer', title: '%command.restartServer%', category: '%command.category%' },
    { command: 'notice.showOutput', title: '%command.showOutput%', category: '%command.category%' },
    // Export and preview (client/src/export.ts, client/src/preview.ts).
    ...renderCommands.map(([command, title, icon]) => ({ command, title, category: '%command.category%', ...(icon ? { icon } : {}) })),
    // Import (client/src/import.ts).
    { command: 'notice.import', title: '%command.import%', category: '%command.category%' },
    // The 资金链 view (client/src/chain.ts).
    { command: 'notice.chain.refresh', title: '%command.chainRefresh%', category: '%command.category%', icon: '$(refresh)' },
  ],
  views: {
    explorer: [{ id: 'notice.chain', name: '%view.chain%', when: 'workspaceFolderCount > 0' }],
  },
  menus: {
    commandPalette: [
      { command: 'notice.restartServer', when: 'editorLangId == notice' },
      { command: 'notice.showOutput', when: 'editorLangId == notice' },
      ...renderCommands.map(([command]) => ({ command, when: renderWhen })),
    ],
    'editor/title': [
      { command: 'notice.previewToSide', when: 'editorLangId == notice', group: 'navigation' },
      ...renderCommands.map(([command], i) => ({ command, when: 'editorLangId == notice', group: `1_notice@${i + 1}` })),
    ],
    'view/title': [{ command: 'notice.chain.refresh', when: 'view == notice.chain', group: 'navigation' }],
    'editor/title/context': renderCommands.map(([command], i) => ({ command, when: 'resourceExtname == .notice', group: `1_notice@${i + 1}` })),
    'explorer/context': [
      ...renderCommands.map(([command], i) => ({ command, when: 'resourceExtname == .notice', group: `navigation@${20 + i}` })),
      { command: 'notice.import', when: 'resourceExtname =~ /^\\.(xlsx|csv|docx|pdf|txt)$/i', group: 'navigation@30' },
    ],
  },
  keybindings: [
    { command: 'notice.preview', key: 'ctrl+shift+v', mac: 'cmd+shift+v', when: 'editorLangId == notice' },
    { command: 'notice.previewToSide', key: 'ctrl+k v', mac: 'cmd+k v', when: 'editorLangId == notice' },
  ],
  // `notice check` writes the severity in Chinese (错误/警告/提示), which VS Code's matchers do
  // not read as a severity: one matcher per word, each with its severity. A task lists all
  // three: "problemMatcher": ["$notice", "$notice-warning", "$notice-info"].
  problemMatchers: [
    ['notice', '错误', 'error', '%problemMatcher.label%'],
    ['notice-warning', '警告', 'warning', '%problemMatcher.warning.label%'],
    ['notice-info', '提示', 'info', '%problemMatcher.info.label%'],
  ].map(([name, word, severity, label]) => ({
    name,
    label,
    owner: 'notice',
    source: 'notice',
    severity,
    fileLocation: ['autoDetect', '${workspaceFolder}'],
    pattern: { regexp: `^(.+?):(\\d+):(\\d+): ${word}\\[([\\w-]+)\\]: (.*)$`, file: 1, line: 2, column: 3, code: 4, message: 5 },
  })),
  walkthroughs: [
    {
      id: 'notice.firstNotice',
      title: '%walkthrough.title%',
      description: '%walkthrough.description%',
      steps: [
        { id: 'create', title: '%walkthrough.create.title%', description: '%walkthrough.create.description%', media: { markdown: 'client/walkthrough/create.md' } },
        { id: 'table', title: '%walkthrough.table.title%', description: '%walkthrough.table.description%', media: { markdown: 'client/walkthrough/table.md' } },
        { id: 'check', title: '%walkthrough.check.title%', description: '%walkthrough.check.description%', media: { markdown: 'client/walkthrough/check.md' } },
      ],
    },
  ],
};
writeFileSync(path, JSON.stringify(pkg, null, 2) + '\n');
