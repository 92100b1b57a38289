// Removes lockfile references to platform-specific optional packages that the registry could not
// resolve (npm then writes the reference but no entry, and `npm ci` rejects its own lockfile:
// npm/cli#9846). Safe: it only drops edges to packages the lockfile does not contain.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const present = new Set(
  Object.keys(lock.packages)
    .filter((key) => key.includes('node_modules/'))
    .map((key) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length)),
);
let pruned = 0;
for (const entry of Object.values(lock.packages)) {
  if (!entry.optionalDependencies) continue;
  for (const name of Object.keys(entry.optionalDependencies)) {
    if (!present.has(name)) {
      delete entry.optionalDependencies[name];
      pruned += 1;
    }
  }
  if (Object.keys(entry.optionalDependencies).length === 0) delete entry.optionalDependencies;
}
if (pruned > 0) {
  writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
  process.stdout.write(
    `pruned ${pruned} unresolvable optional references from package-lock.json\n`,
  );
}
