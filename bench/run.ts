import { authSuite } from './suites/auth.suite.js';
import { contactsSuite } from './suites/contacts.suite.js';
import { leadsSuite } from './suites/leads.suite.js';
import { reportsSuite } from './suites/reports.suite.js';

/** `npm run bench [-- suite…]`: runs the named suites (all by default) and prints their figures. */
const SUITES: Record<string, () => Promise<boolean>> = {
  auth: authSuite,
  contacts: contactsSuite,
  leads: leadsSuite,
  reports: reportsSuite,
};

async function main(): Promise<void> {
  const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(SUITES);
  const unknown = names.filter((name) => !SUITES[name]);
  if (unknown.length > 0)
    throw new Error(
      `unknown suite(s): ${unknown.join(', ')}; known: ${Object.keys(SUITES).join(', ')}`,
    );
  const outcomes: Record<string, boolean> = {};
  for (const name of names) outcomes[name] = await SUITES[name]();
  console.log('\n# targets', outcomes);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`bench failed: ${error.message}`);
    process.exit(1);
  },
);
