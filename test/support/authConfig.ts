/** Production environments for loadConfig tests, and a temporary certificate key pair on disk. */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';

/** An environment as loadConfig reads it. */
export type TestEnv = Record<string, string | undefined>;

export const APP_ID = '11111111-2222-3333-4444-555555555555';
export const TENANT = 'AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE';
/** The client secret; no message or summary may ever show it. */
export const SECRET = 'Sx8Q~client-secret-value-NEVER-SHOWN';

/** A production environment with a client secret; `extra` overrides or unsets keys. */
export function prod(extra: TestEnv = {}): TestEnv {
  return {
    MicrosoftAppId: APP_ID,
    MicrosoftAppTenantId: TENANT,
    MicrosoftAppPassword: SECRET,
    BOT_DOMAIN: 'Bot.Contoso.com',
    ...extra,
  };
}

/** The problems loadConfig reports for env (checked never to show the secret); fails if it returns instead. */
export function problems(env: TestEnv): readonly string[] {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    assert.ok(!err.message.includes(SECRET), 'the secret is never in the message');
    return err.problems;
  }
  assert.fail('loadConfig should throw');
}

/** A fresh RSA key pair written as PEM files into a new temporary folder. */
export type KeyFiles = ReturnType<typeof writeKeyFiles>;

/** Writes a new key pair to os.tmpdir(); call remove() when done. */
export function writeKeyFiles() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'authconfig-'));
  const pair = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const privateKeyFile = path.join(dir, 'bot.key.pem');
  const publicKeyFile = path.join(dir, 'bot.pub.pem');
  writeFileSync(privateKeyFile, pair.privateKey);
  writeFileSync(publicKeyFile, pair.publicKey);
  return {
    dir,
    privateKeyFile,
    privateKeyPem: pair.privateKey,
    publicKeyFile,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
