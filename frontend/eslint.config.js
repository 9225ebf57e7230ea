import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The arrows of frontend/src (README.md, "Layout and arrows"):
// app root → features → api | realtime | components | i18n; components → api | i18n;
// api and components never reach into features; one feature uses another only via its index.
const elements = [
  { type: 'generated', pattern: 'src/api/generated', mode: 'folder' },
  { type: 'api', pattern: 'src/api', mode: 'folder' },
  { type: 'realtime', pattern: 'src/realtime', mode: 'folder' },
  { type: 'feature', pattern: 'src/features/*', mode: 'folder', capture: ['featureName'] },
  { type: 'components', pattern: 'src/components', mode: 'folder' },
  { type: 'i18n', pattern: 'src/i18n', mode: 'folder' },
  { type: 'test', pattern: 'src/test', mode: 'folder' },
  { type: 'app', pattern: 'src/*.{ts,tsx}', mode: 'file' },
];

const boundaryRules = {
  'boundaries/no-unknown-files': 'error',
  'boundaries/element-types': [
    'error',
    {
      default: 'disallow',
      rules: [
        { from: 'app', allow: ['api', 'feature', 'components', 'i18n', 'app'] },
        { from: 'feature', allow: ['api', 'realtime', 'components', 'i18n', 'feature'] },
        { from: 'components', allow: ['api', 'i18n'] },
        { from: 'realtime', allow: ['api'] },
        { from: 'api', allow: ['generated'] },
        { from: 'generated', allow: ['generated'] },
        { from: 'i18n', allow: [] },
        { from: 'test', allow: ['app', 'i18n', 'api'] },
      ],
    },
  ],
  'boundaries/entry-point': [
    'error',
    {
      default: 'disallow',
      rules: [
        // Another feature, or the app root, sees only a feature's public index.
        { target: ['feature'], allow: 'index.ts' },
        // Screens use api/index.ts; the generated client stays wrapped inside api/.
        // The service worker (src/sw.ts) also reads the offline cache's name, without the client.
        { target: ['api'], allow: ['index.ts', 'offlineCache.ts'] },
        { target: ['generated', 'realtime', 'components', 'i18n', 'test', 'app'], allow: '**' },
      ],
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'src/api/generated', 'src/realtime/generated', 'coverage'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.strictTypeChecked],
    languageOptions: {
      ecmaVersion: 2023,
      globals: globals.browser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: {
      'react-hooks': reactHooks,
      'react-refresh': reactRefresh,
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-refresh/only-export-components': ['error', { allowConstantExport: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': elements,
      'boundaries/include': ['src/**/*'],
      'boundaries/ignore': ['src/**/*.test.{ts,tsx}', 'src/**/*.d.ts'],
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.json'] } },
    },
    rules: boundaryRules,
  },
  {
    // Tests may reach into the module they test; the arrows bind production code.
    files: ['src/**/*.test.{ts,tsx}', 'src/test/**'],
    rules: {
      'react-refresh/only-export-components': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['*.{js,mjs}', 'scripts/**/*.{js,mjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
);
