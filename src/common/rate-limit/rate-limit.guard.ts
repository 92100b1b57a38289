import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { RATE_LIMITS, RateLimitName, type RateLimitSelector } from './rate-limit.names.js';
import { RateLimitService } from './rate-limit.service.js';

/** Applied after authentication, so limits count per user or API key; the route names its limits. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly rateLimits: RateLimitService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const selector = this.reflector.getAllAndOverride<RateLimitSelector | undefined>(RATE_LIMITS, [
      context.getHandler(),
      context.getClass(),
    ]) ?? [RateLimitName.Default];
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const names = typeof selector === 'function' ? selector(request) : selector;
    await this.rateLimits.consume(names, request, http.getResponse<Response>());
    return true;
  }
}
