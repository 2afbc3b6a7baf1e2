/**
 * Layer rules for `npm run lint` (depcruise src --config .dependency-cruiser.cjs).
 * Paths are relative to the working directory, so the same file also checks the fixture trees of
 * test/lint/layers.test.ts. Type-only imports count: a layer may not even name another's types.
 */
const NODE_BUILTIN = { dependencyTypes: ['core'] };

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'engine-not-to-ui',
      comment: 'src/engine runs under the CLI and in tests unchanged: no Electron, no UI layers, no CLI.',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: ['^src/(main|cli|renderer|preload)/', '(^|/)node_modules/electron/', '^electron$'] },
    },
    {
      name: 'renderer-only-shared',
      comment: 'The renderer reaches the rest of src only through the shared contract.',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: '^src/', pathNot: '^src/(renderer|shared)/' },
    },
    {
      name: 'renderer-no-node-or-electron',
      comment: 'The renderer is a sandboxed web page: no node builtins, no electron.',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: ['(^|/)node_modules/electron/', '^electron$'] },
    },
    {
      name: 'renderer-no-node-builtins',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: NODE_BUILTIN,
    },
    {
      name: 'shared-stands-alone',
      comment: 'src/shared is loaded by every layer: it imports no other src folder.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/', pathNot: '^src/shared/' },
    },
    {
      name: 'shared-no-node-or-electron',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: ['(^|/)node_modules/electron/', '^electron$'] },
    },
    {
      name: 'shared-no-node-builtins',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: NODE_BUILTIN,
    },
    {
      name: 'preload-only-electron-and-shared',
      comment: 'A sandboxed preload can require only electron; its own code may use src/shared.',
      severity: 'error',
      from: { path: '^src/preload/' },
      to: { pathNot: ['^src/(preload|shared)/', '(^|/)node_modules/electron/', '^electron$'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that cannot be resolved would hide a layer violation.',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
