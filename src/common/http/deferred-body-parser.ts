import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';

type RequestWithBodyError = Request & { bodyError?: unknown };

/**
 * Body parsing that keeps a malformed or oversized body's error for later, instead of failing
 * before routing: the route's guard below raises it, so it renders in the route's error family.
 */
export function deferredBodyParser(limit: string) {
  const parsers = [express.json({ limit }), express.urlencoded({ extended: false, limit })];
  return (request: Request, response: Response, next: NextFunction): void => {
    const [json, form] = parsers;
    json(request, response, (jsonError?: unknown) => {
      if (jsonError) {
        (request as RequestWithBodyError).bodyError = jsonError;
        next();
        return;
      }
      form(request, response, (formError?: unknown) => {
        if (formError) (request as RequestWithBodyError).bodyError = formError;
        next();
      });
    });
  };
}

/** Global guard: the first thing a route does is refuse a body that could not be parsed. */
@Injectable()
export class BodyErrorGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const error = context.switchToHttp().getRequest<RequestWithBodyError>().bodyError;
    if (error) throw error;
    return true;
  }
}
