/** X.509 certificates made at test time and cached per process, never written to disk: a self-signed server certificate for the loopback stand-ins served over HTTPS, and an application certificate for certificate-credential tests. */
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type http from 'node:http';
import https from 'node:https';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { listen, type Started } from './http';

const OID_COMMON_NAME = '2.5.4.3';
const OID_SUBJECT_ALT_NAME = '2.5.29.17';
const OID_SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const DNS_NAME = 2;
const IP_ADDRESS = 7;

function rsaSha256(): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier({ algorithmId: OID_SHA256_WITH_RSA, algorithmParams: new asn1js.Null() });
}

/** A self-signed certificate for `commonName`, valid from a minute ago for a day: key (PKCS#8 PEM), certificate PEM and DER. */
export function selfSigned(commonName: string, altNames: pkijs.GeneralName[] = []) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = new pkijs.Certificate();
  cert.version = 2;
  const serial = randomBytes(16);
  // A positive INTEGER in minimal DER: the top bit clear and the first byte never 0 (a leading 0x00
  // before a byte under 0x80 is "illegal padding" to OpenSSL, which failed about one run in 500).
  serial[0] = 0x40 | (serial[0] & 0x3f);
  cert.serialNumber = new asn1js.Integer({ valueHex: serial });
  const name = (): pkijs.RelativeDistinguishedNames =>
    new pkijs.RelativeDistinguishedNames({
      typesAndValues: [
        new pkijs.AttributeTypeAndValue({ type: OID_COMMON_NAME, value: new asn1js.Utf8String({ value: commonName }) }),
      ],
    });
  cert.issuer = name();
  cert.subject = name();
  cert.notBefore = new pkijs.Time({ type: pkijs.TimeType.UTCTime, value: new Date(Date.now() - 60_000) });
  cert.notAfter = new pkijs.Time({ type: pkijs.TimeType.UTCTime, value: new Date(Date.now() + 86_400_000) });
  if (altNames.length > 0) {
    const extnValue = new pkijs.GeneralNames({ names: altNames }).toSchema().toBER(false);
    cert.extensions = [new pkijs.Extension({ extnID: OID_SUBJECT_ALT_NAME, critical: false, extnValue })];
  }
  cert.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(publicKey.export({ type: 'spki', format: 'der' }));
  cert.signature = rsaSha256();
  cert.signatureAlgorithm = rsaSha256();
  const tbs = Buffer.from(cert.encodeTBS().toBER(false));
  cert.signatureValue = new asn1js.BitString({ valueHex: sign('sha256', tbs, privateKey) });
  const der = Buffer.from(cert.toSchema(true).toBER(false));
  const base64 = der.toString('base64').replace(/.{1,64}/g, '$&\n');
  const certPem = `-----BEGIN CERTIFICATE-----\n${base64}-----END CERTIFICATE-----\n`;
  return { keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), certPem, der };
}

let server: { key: string; cert: string; ca: string } | undefined;
let app: { privateKeyPem: string; certPem: string; thumbprintSha256: string; thumbprintSha1: string } | undefined;

/** The loopback server certificate (subjectAltName IP:127.0.0.1, DNS:localhost) and key; it is its own CA. */
export function testTls() {
  if (!server) {
    const made = selfSigned('localhost', [
      new pkijs.GeneralName({ type: DNS_NAME, value: 'localhost' }),
      new pkijs.GeneralName({
        type: IP_ADDRESS,
        value: new asn1js.OctetString({ valueHex: Buffer.from([127, 0, 0, 1]) }),
      }),
    ]);
    server = { key: made.keyPem, cert: made.certPem, ca: made.certPem };
  }
  return server;
}

/** An application's certificate credential, with the (hex, upper case) thumbprints of its DER encoding. */
export function appCertificate() {
  if (!app) {
    const made = selfSigned('missingkbs-bot test app');
    const thumbprint = (algorithm: string): string =>
      createHash(algorithm).update(made.der).digest('hex').toUpperCase();
    app = {
      privateKeyPem: made.keyPem,
      certPem: made.certPem,
      thumbprintSha256: thumbprint('sha256'),
      thumbprintSha1: thumbprint('sha1'),
    };
  }
  return app;
}

/** Starts an https.Server on 127.0.0.1 with a free port and the test certificate. */
export function startHttps(handler: http.RequestListener): Promise<Started> {
  const { key, cert } = testTls();
  return listen(https.createServer({ key, cert }, handler), 'https');
}

/** GETs an https URL trusting `ca`, without following redirects. */
export function httpsGet(url: string, ca: string): Promise<{ status: number; location?: string; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }));
      })
      .on('error', reject);
  });
}
