import { createServer } from 'node:http';
import { ME_BODY } from '../suites/auth-body.js';

/** The baseline: node:http answering the body `/me` answers, with nothing else. */
const body = JSON.stringify(ME_BODY);
const server = createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
  response.end(body);
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as { port: number }).port });
});
