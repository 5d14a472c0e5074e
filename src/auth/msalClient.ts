/** The one MSAL confidential client of the bot: Bot Connector, On-Behalf-Of and app-only tokens. */
import { ConfidentialClientApplication, LogLevel as MsalLogLevel, type Configuration } from '@azure/msal-node';
import type { AuthConfig } from '../config/auth';
import type { Logger } from '../log';

/** Network options for talking to Entra ID; tests pass the CA of their local stand-in. */
export interface EntraNetworkOptions {
  /** Extra trusted certificate authorities (PEM), beside Node's own (and NODE_EXTRA_CA_CERTS). */
  readonly ca?: string | readonly string[];
}

/**
 * Builds the client for `{authorityHost}/{tenantId}`. The authority host is listed as a known
 * authority, so MSAL trusts it without cloud instance discovery: sovereign clouds and local
 * stand-ins work offline, where botbuilder's default credentials fail (`endpoints_resolution_error`).
 */
export function createConfidentialClient(
  auth: AuthConfig,
  logger: Logger,
  network: EntraNetworkOptions = {},
): ConfidentialClientApplication {
  const credential = auth.credential;
  const configuration: Configuration = {
    auth: {
      clientId: auth.appId,
      authority: `${auth.authorityHost}/${auth.tenantId}`,
      knownAuthorities: [new URL(auth.authorityHost).host],
      ...(credential.kind === 'secret'
        ? { clientSecret: credential.secret }
        : {
            clientCertificate: {
              privateKey: credential.privateKeyPem,
              ...(credential.thumbprint.length === 64
                ? { thumbprintSha256: credential.thumbprint }
                : { thumbprint: credential.thumbprint }),
            },
          }),
    },
    system: {
      ...(network.ca ? { customAgentOptions: { ca: [network.ca].flat() } } : {}),
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: MsalLogLevel.Warning,
        loggerCallback: (level, message) => {
          const fields = { component: 'msal', detail: message };
          if (level === MsalLogLevel.Error) logger.warn('msal.log', fields);
          else logger.debug('msal.log', fields);
        },
      },
    },
  };
  return new ConfidentialClientApplication(configuration);
}
