import { registerDecorator, type ValidationOptions } from 'class-validator';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The text inside a value checked by `IsBase64Text`. */
export const decodeBase64Text = (value: string): string =>
  utf8.decode(Buffer.from(value, 'base64'));

/** Non-empty standard base64 (padded) whose bytes are valid UTF-8. */
export function IsBase64Text(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBase64Text',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be base64 of UTF-8 text`, ...options },
      validator: {
        validate(value: unknown): boolean {
          if (typeof value !== 'string' || value === '' || !BASE64.test(value)) return false;
          try {
            return decodeBase64Text(value).trim() !== '';
          } catch {
            return false;
          }
        },
      },
    });
}
