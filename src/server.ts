/**
 * Composition root of the bot. The store, the bot and the local Teams
 * client arrive in later steps; until then this says what works today.
 */
const lines = [
  'Partnership Actions 0.1.0',
  '',
  'Not built yet: the Cosmos DB store, the Teams bot and the local Teams client (Agents Playground).',
  'What works today: checking an action plan file before importing it:',
  '',
  '  npx partnership-actions import examples/purbeck-2017-18.txt --dry-run',
  '  npx partnership-actions import <plan.xlsx|.csv|.tsv|.docx|.txt> --dry-run --json',
];
process.stdout.write(`${lines.join('\n')}\n`);
