import { startChildServer, startIntakeServer } from '../support/child-server.js';
import { measure, printTable } from '../support/load.js';

const CONNECTIONS = 100;
const DURATION_SECONDS = 10;
/** Issue 2's target: the authenticated route keeps at least this share of the anonymous one. */
const TARGET_RATIO = 0.8;

/** Bearer-token verification overhead: bare node:http, the app's anonymous route, and `/me`. */
export async function authSuite(): Promise<boolean> {
  console.log(
    `\n# auth: GET with a bearer token, ${CONNECTIONS} connections, ${DURATION_SECONDS} s each` +
      `\n  (rate limit raised to 1e9/min for the run; LOG_LEVEL=info, logs discarded)`,
  );
  const bare = await startChildServer('servers/bare-me.server.js');
  const intake = await startIntakeServer<{ token: string }>({
    RATE_LIMIT_DEFAULT_PER_MINUTE: '1000000000',
    LOG_LEVEL: 'info',
  });
  try {
    const options = { connections: CONNECTIONS, durationSeconds: DURATION_SECONDS };
    const baseline = await measure('bare node:http', {
      ...options,
      url: `http://127.0.0.1:${bare.info.port}/me`,
    });
    const anonymous = await measure('nest, no auth', {
      ...options,
      url: `http://127.0.0.1:${intake.info.port}/bench/anonymous-me`,
    });
    const authenticated = await measure('nest, bearer /me', {
      ...options,
      url: `http://127.0.0.1:${intake.info.port}/me`,
      headers: { authorization: `Bearer ${intake.info.token}` },
    });
    printTable([baseline, anonymous, authenticated], baseline);
    const ratio = authenticated.requestsPerSecond / anonymous.requestsPerSecond;
    const met = ratio >= TARGET_RATIO && authenticated.non2xx === 0;
    console.log(
      `authenticated / anonymous = ${(ratio * 100).toFixed(1)}% (target ≥ ${TARGET_RATIO * 100}%): ${met ? 'met' : 'NOT met'}`,
    );
    return met;
  } finally {
    await Promise.all([bare.stop(), intake.stop()]);
  }
}
