import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Request, Response } from 'express';

const REDOC_PAGE = `<!doctype html>
<html><head><title>Intake API</title><meta charset="utf-8"/></head>
<body><redoc spec-url="/docs-json"></redoc>
<script src="https://cdn.redoc.ly/redoc/latest/bundles/redoc.standalone.js"></script></body></html>`;

/** Swagger UI at /docs, the OpenAPI document at /docs-json, ReDoc at /redoc. */
export function setupApiDocs(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Intake')
    .setDescription(
      'Upload a file or a request, process it in the background, poll it, review it, download it.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  app
    .getHttpAdapter()
    .get('/redoc', (_request: Request, response: Response) =>
      response.type('html').send(REDOC_PAGE),
    );
}
