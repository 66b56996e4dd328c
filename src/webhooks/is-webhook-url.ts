import { ValidateBy, type ValidationOptions } from 'class-validator';
import { parseWebhookUrl } from './webhook-target';

/**
 * An http(s) URL as WHATWG URL (and so delivery) reads it: `127.1` or `0x7f000001` are URLs here,
 * and the address policy, not a stricter syntax, decides whether they may be called.
 */
export function IsWebhookUrl(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isWebhookUrl',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          try {
            parseWebhookUrl(value);
            return true;
          } catch {
            return false;
          }
        },
        defaultMessage: () => '$property must be an http(s) URL without a user name or password',
      },
    },
    options,
  );
}
