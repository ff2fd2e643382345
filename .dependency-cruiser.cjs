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
          '^src/(app|http)/',
          '^src/config\\.ts$',
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
      from: { pathNot: ['^src/teams', '^src/app/server\\.ts$'] },
      to: { path: 'node_modules/(botbuilder[^/]*|@microsoft/teams-ai|botframework-[^/]*)/' },
    },
    {
      name: 'edges-through-services',
      comment: 'The Teams layer and the HTTP routes map requests to services and results to cards or responses; they never reach the store themselves.',
      severity: 'error',
      from: { path: '^src/(teams|http)/' },
      to: { path: '^src/store' },
    },
    {
      name: 'only-app-wires',
      comment: 'src/app holds the composition roots (npm start, the CLI): they import every layer, and nothing imports them.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/app/' },
      to: { path: '^src/app/' },
    },
    {
      name: 'http-is-the-edge',
      comment: 'src/http holds the HTTP routes: only the composition roots mount them.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(app|http)/' },
      to: { path: '^src/http/' },
    },
    {
      name: 'root-holds-only-config',
      comment: "src/'s root holds only what every entry point shares (config.ts); new code goes in the layer folder it belongs to.",
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/[^/]+\\.ts$', pathNot: '^src/config\\.ts$' },
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
