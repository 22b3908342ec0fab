import type { IncomingMessage } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** Failed sign-ins allowed per operator, and per client address, within `WINDOW_SECONDS`. */
const PER_OPERATOR = 5;
const PER_ADDRESS = 20;
const WINDOW_SECONDS = 15 * 60;

/**
 * Slows password guessing at the desk: failures are counted per operator and per client
 * address in this gateway process; past the limit every attempt is refused unchecked until
 * the window ends. (scrypt already makes each guess cost tens of milliseconds.)
 */
export function createSignInThrottle() {
  const byOperator = new RateLimiterMemory({ points: PER_OPERATOR, duration: WINDOW_SECONDS });
  const byAddress = new RateLimiterMemory({ points: PER_ADDRESS, duration: WINDOW_SECONDS });
  const address = (req: IncomingMessage) => req.socket.remoteAddress ?? 'unknown';
  return {
    /** Seconds to wait when the operator or the address is over its limit, else 0. */
    async blockedFor(req: IncomingMessage, operatorKey: string): Promise<number> {
      const [op, ip] = await Promise.all([
        byOperator.get(operatorKey),
        byAddress.get(address(req)),
      ]);
      const over = [
        op && op.consumedPoints >= PER_OPERATOR ? op.msBeforeNext : 0,
        ip && ip.consumedPoints >= PER_ADDRESS ? ip.msBeforeNext : 0,
      ];
      return Math.ceil(Math.max(...over) / 1000);
    },
    async failed(req: IncomingMessage, operatorKey: string): Promise<void> {
      await Promise.all([
        byOperator.penalty(operatorKey, 1).catch(ignoreRefusal),
        byAddress.penalty(address(req), 1).catch(ignoreRefusal),
      ]);
    },
    async succeeded(operatorKey: string): Promise<void> {
      await byOperator.delete(operatorKey);
    },
  };
}

function ignoreRefusal(error: unknown): void {
  if (!(error instanceof RateLimiterRes)) throw error;
}
