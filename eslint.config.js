// Lint: typescript-eslint's recommended rules, plus the project's architecture boundaries
// (only server/src/lsp speaks LSP; only client/ imports vscode).
import tseslint from 'typescript-eslint';

const LSP = ['vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-protocol', 'vscode-languageclient', 'vscode-languageclient/*'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', '.e2e/**', 'test-results/**', 'server/src/catalogue/generated/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['grammar/**/*.ts', 'server/src/model/**', 'server/src/checks/**', 'server/src/catalogue/**', 'server/src/render/**', 'server/src/cli/**', 'server/src/format/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...LSP, 'vscode'], message: 'The core knows nothing of LSP or VS Code.' }] }],
    },
  },
);
