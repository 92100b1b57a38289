import { parseArgs } from 'node:util';
import { SigningKeyService } from '../src/auth/issuer/signing-key.service.js';
import { cliContext, runCli } from './cli-context.js';

/** `npm run token -- --user alice --groups uploader,editor [--ttl 3600]`: prints an access token. */
runCli(async () => {
  const { values } = parseArgs({
    options: {
      user: { type: 'string' },
      groups: { type: 'string', default: '' },
      ttl: { type: 'string' },
    },
  });
  if (!values.user)
    throw new Error('usage: npm run token -- --user ID [--groups a,b] [--ttl SECONDS]');
  const context = await cliContext();
  const token = context.get(SigningKeyService).issueAccessToken({
    sub: values.user,
    groups: values.groups.split(',').filter(Boolean),
    ttlSeconds: values.ttl ? Number(values.ttl) : undefined,
  });
  await context.close();
  process.stdout.write(`${token}\n`);
});
