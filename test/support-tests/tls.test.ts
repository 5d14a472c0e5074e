/** The certificates made at test time: the loopback server certificate and the app's credential. */
import assert from 'node:assert/strict';
import { createPrivateKey as createKey, X509Certificate } from 'node:crypto';
import { appCertificate, testTls } from '../support/tls';

describe('test TLS certificates', () => {
  it('makes a server certificate for 127.0.0.1 and localhost, valid now, that is its own CA', () => {
    const tls = testTls();
    const cert = new X509Certificate(tls.cert);
    assert.equal(cert.subjectAltName, 'DNS:localhost, IP Address:127.0.0.1');
    assert.ok(new Date(cert.validFrom) <= new Date() && new Date() < new Date(cert.validTo));
    assert.ok(cert.checkPrivateKey(createKey(tls.key)));
    assert.equal(tls.ca, tls.cert);
    assert.equal(testTls(), tls, 'cached per process');
  });

  it('makes an app certificate whose thumbprints are those of its DER encoding', () => {
    const app = appCertificate();
    const cert = new X509Certificate(app.certPem);
    assert.equal(app.thumbprintSha256, cert.fingerprint256.replace(/:/g, ''));
    assert.equal(app.thumbprintSha1, cert.fingerprint.replace(/:/g, ''));
    assert.ok(cert.checkPrivateKey(createKey(app.privateKeyPem)));
    assert.ok(cert.verify(cert.publicKey), 'self-signed');
  });
});
