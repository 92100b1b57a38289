import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a chat-completions request carried. */
export interface SeenRequest {
  authorization?: string;
  body: { model: string; messages: { role: string; content: string }[] };
  /** The client went away before the reply (timeout, cancellation). */
  aborted: boolean;
}

/** One scripted answer; by default a completion whose text quotes the user message. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as is instead of a JSON completion. */
  raw?: string;
  content?: string;
  delayMs?: number;
}

/**
 * A local OpenAI-compatible chat-completions server: scripted replies first, then `fallback`.
 * It records every request, and the most requests it had in flight at once.
 */
export class FakeLlm {
  readonly requests: SeenRequest[] = [];
  fallback: (request: SeenRequest) => Reply = () => ({});
  maxInFlight = 0;
  private inFlight = 0;
  private readonly script: Reply[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeLlm> {
    const server = createServer();
    const fake = new FakeLlm(server);
    server.on('request', (request, response) => void fake.handle(request, response));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** Settings that point the server at this fake. */
  env(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      LLM_BASE_URL: this.baseUrl,
      LLM_API_KEY: 'sk-test-fake-llm-key',
      LLM_MODEL: 'fake-model',
      ...overrides,
    };
  }

  reply(...replies: Reply[]): void {
    this.script.push(...replies);
  }

  /** Requests whose user message mentions `text`. */
  requestsFor(text: string): SeenRequest[] {
    return this.requests.filter((seen) =>
      seen.body.messages.some(
        (message) => message.role === 'user' && message.content.includes(text),
      ),
    );
  }

  reset(): void {
    this.requests.length = 0;
    this.script.length = 0;
    this.maxInFlight = 0;
    this.fallback = () => ({});
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((done) => this.server.close(() => done()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const seen: SeenRequest = {
      authorization: request.headers.authorization,
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as SeenRequest['body'],
      aborted: false,
    };
    this.requests.push(seen);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    response.on('close', () => {
      this.inFlight -= 1;
      if (!response.writableFinished) seen.aborted = true;
    });
    {
      const reply = this.script.shift() ?? this.fallback(seen);
      if (reply.delayMs) await new Promise((wait) => setTimeout(wait, reply.delayMs).unref());
      if (response.destroyed) return;
      const user = seen.body.messages.find((message) => message.role === 'user')?.content ?? '';
      const body =
        reply.raw ??
        JSON.stringify(
          (reply.status ?? 200) === 200
            ? {
                id: 'chatcmpl-fake',
                object: 'chat.completion',
                created: Math.floor(Date.now() / 1000),
                model: seen.body.model,
                choices: [
                  {
                    index: 0,
                    message: { role: 'assistant', content: reply.content ?? `# Draft\n\n${user}` },
                    finish_reason: 'stop',
                  },
                ],
                usage: { prompt_tokens: 120, completion_tokens: 45, total_tokens: 165 },
              }
            : { error: { message: 'fake failure', type: 'server_error' } },
        );
      response.writeHead(reply.status ?? 200, {
        'content-type': 'application/json',
        ...reply.headers,
      });
      response.end(body);
    }
  }
}
