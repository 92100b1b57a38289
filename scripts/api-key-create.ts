import { parseArgs } from 'node:util';
import { ApiKeyService } from '../src/auth/api-keys/api-key.service.js';
import { cliContext, runCli } from './cli-context.js';

/** `npm run api-key:create -- --name frontend`: prints a new API key, once (only its hash is kept). */
runCli(async () => {
  const { values } = parseArgs({ options: { name: { type: 'string' } } });
  if (!values.name || !/^[\w.-]{1,64}$/.test(values.name)) {
    throw new Error('usage: npm run api-key:create -- --name NAME (letters, digits, . _ -)');
  }
  const context = await cliContext();
  const created = await context.get(ApiKeyService).create(values.name);
  await context.close();
  process.stdout.write(`${created.key}\n`);
});
