/** Layering rules from ARCHITECTURE.md: dependencies point down only. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain holds pure rules: no I/O, no store, no Teams, no services.',
      severity: 'error',
      from: { path: '^src/domain' },
      to: {
        path: [
          '^src/(store|services|teams|scheduler|import|cli)',
          '^src/(config|server|cli)\\.ts$',
        ],
      },
    },
    {
      name: 'domain-no-io-modules',
      severity: 'error',
      from: { path: '^src/domain' },
      to: {
        dependencyTypes: ['core', 'npm'],
        pathNot: ['node_modules/(zod|luxon|stemmer|stopword)/'],
      },
    },
    {
      name: 'services-not-teams',
      comment: 'Services never import the Teams layer.',
      severity: 'error',
      from: { path: '^src/(services|store|domain|import|scheduler)' },
      to: { path: ['^src/teams', 'node_modules/(botbuilder|@microsoft/teams-ai)'] },
    },
    {
      name: 'teams-sdk-only-in-teams',
      comment: 'Every Teams-specific import stays inside src/teams so a move to the Teams SDK touches one folder.',
      severity: 'error',
      from: { pathNot: ['^src/teams', '^src/server\\.ts$'] },
      to: { path: 'node_modules/(botbuilder[^/]*|@microsoft/teams-ai|botframework-[^/]*)/' },
    },
    {
      name: 'teams-through-services',
      comment: 'The Teams layer maps activities to services and results to cards; it never reaches the store itself.',
      severity: 'error',
      from: { path: '^src/teams' },
      to: { path: '^src/store' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
