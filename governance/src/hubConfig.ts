import { fileURLToPath } from 'node:url';
import { ensureError } from '@govgraph/schema';
import { parseEnv } from '@govgraph/server';
import { z } from 'zod';
import { parsePublicKey } from './registry/publicKey.js';

/** The reviewed registry file checked into the repository. */
export const DEFAULT_REGISTRY_FILE = fileURLToPath(new URL('../registry.json', import.meta.url));

/** How the hub identifies callers, from the environment. */
export interface HubAccessConfig {
  /** `HUB_REGISTRY_FILE`, default governance/registry.json: synced into the store at start. */
  registryFile: string;
  /** `HUB_CITIZEN_ISSUER` + `HUB_CITIZEN_PUBLIC_KEY` (JWK or SPKI PEM); both or neither. */
  citizenIssuer: { issuer: string; publicKey: string } | undefined;
  /** `HUB_TOKEN_AUDIENCE`, default `govgraph`. */
  audience: string;
}

/** Reads the access settings. Throws a ConfigError naming each bad variable. */
export function hubAccessConfig(
  env: Record<string, string | undefined> = process.env,
): HubAccessConfig {
  const issuerSet = (env.HUB_CITIZEN_ISSUER ?? '') !== '';
  const keySet = (env.HUB_CITIZEN_PUBLIC_KEY ?? '') !== '';
  const config = parseEnv(
    {
      HUB_REGISTRY_FILE: z.string().default(DEFAULT_REGISTRY_FILE),
      HUB_CITIZEN_ISSUER: keySet ? z.string() : z.string().optional(),
      HUB_CITIZEN_PUBLIC_KEY: (issuerSet ? z.string() : z.string().optional()).superRefine(
        (value, ctx) => {
          if (!issuerSet && value !== undefined) {
            ctx.addIssue({ code: 'custom', message: 'set HUB_CITIZEN_ISSUER too, or neither' });
            return;
          }
          if (value === undefined) return;
          try {
            parsePublicKey(value);
          } catch (error) {
            ctx.addIssue({ code: 'custom', message: ensureError(error).message });
          }
        },
      ),
      HUB_TOKEN_AUDIENCE: z.string().default('govgraph'),
    },
    env,
  );
  const { HUB_CITIZEN_ISSUER: issuer, HUB_CITIZEN_PUBLIC_KEY: publicKey } = config;
  return {
    registryFile: config.HUB_REGISTRY_FILE,
    citizenIssuer:
      issuer !== undefined && publicKey !== undefined ? { issuer, publicKey } : undefined,
    audience: config.HUB_TOKEN_AUDIENCE,
  };
}
