import { UseFilters } from '@nestjs/common';
import { ContractExceptionFilter } from './contract-exception.filter.js';
import type { ErrorFamilySelector } from './error-family.js';

/** Declares, once per controller, which contract's error shape its routes answer in. */
export const UseErrorFamily = (family: ErrorFamilySelector): ClassDecorator & MethodDecorator =>
  UseFilters(new ContractExceptionFilter(family));
