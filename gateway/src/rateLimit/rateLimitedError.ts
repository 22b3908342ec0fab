import { HeaderMap } from '@apollo/server';
import { RATE_LIMITED } from '@govgraph/schema';
import type { GraphQLError } from 'graphql';
import type { RateLimitName } from '../context.js';
import type { RateKey } from './rateKey.js';

/** RATE_LIMITED (HTTP 429, `Retry-After` in whole seconds, at least 1) for the budget spent. */
export function rateLimited(
  name: RateLimitName,
  max: number,
  who: RateKey,
  msBeforeNext: number,
): GraphQLError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return RATE_LIMITED.refusal(refusalMessage(name, max, who, retryAfterSeconds), {
    extensions: { retryAfterSeconds, limit: { name, max } },
    headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]),
  });
}

function refusalMessage(
  name: RateLimitName,
  max: number,
  who: RateKey,
  retryAfterSeconds: number,
): string {
  const spent =
    name === 'requestsPerSecond'
      ? `${max} operations per second`
      : `an estimated cost of ${max} per second`;
  const retry = `Retry in ${retryAfterSeconds} s (Retry-After).`;
  switch (who.kind) {
    case 'agency':
      return `This agency has used its budget of ${spent}, shared by every gateway instance; nothing was run. ${retry} If the agency needs more, its platform operator raises the agency's ${name} in the hub registry.`;
    case 'citizen':
      return `You have used your budget of ${spent}; nothing was run. ${retry}`;
    default:
      return `This client address has used the anonymous budget of ${spent}; nothing was run. ${retry} Agencies that need more call with their own credential and budget.`;
  }
}
