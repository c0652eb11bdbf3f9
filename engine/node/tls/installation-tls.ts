/**
 * The installation's TLS material under `<dataDir>/tls/`: a CA made once (its key 0600) and a serving
 * certificate signed by it. Both are reused across starts so kubeconfigs written earlier stay valid; the
 * serving certificate is reissued when it has expired (or will within a day) or no longer chains to the CA.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensurePrivateDir, writeFileAtomic } from '../data-dir';
import { createCa, createServerCert, type KeyAndCert } from './certificates';

export interface InstallationTls {
  /** The CA certificate (PEM) clients trust: goes into the kubeconfig. */
  caPem: string;
  /** The serving key and certificate chain for node:https. */
  key: string;
  cert: string;
  /** What this call had to create (false = reused from disk). */
  created: { ca: boolean; server: boolean };
}

const RENEW_BEFORE_MS = 24 * 60 * 60 * 1000;

export async function loadOrCreateTls(dataDir: string, now: Date = new Date()): Promise<InstallationTls> {
  const dir = join(dataDir, 'tls');
  await ensurePrivateDir(dir);
  const files = {
    caKey: join(dir, 'ca.key'),
    caCert: join(dir, 'ca.crt'),
    serverKey: join(dir, 'server.key'),
    serverCert: join(dir, 'server.crt'),
  };

  let ca = await readPair(files.caKey, files.caCert);
  let caCreated = false;
  if (ca === undefined || !usable(ca, now)) {
    ca = createCa(now);
    // Key first: a cert on disk without its key would be unusable after a crash in between.
    await writeFileAtomic(files.caKey, ca.keyPem, 0o600);
    await writeFileAtomic(files.caCert, ca.certPem, 0o644);
    caCreated = true;
  }

  let server = await readPair(files.serverKey, files.serverCert);
  let serverCreated = false;
  if (server === undefined || caCreated || !usable(server, now) || !signedBy(server, ca)) {
    server = createServerCert(ca, now);
    await writeFileAtomic(files.serverKey, server.keyPem, 0o600);
    await writeFileAtomic(files.serverCert, server.certPem, 0o644);
    serverCreated = true;
  }

  return { caPem: ca.certPem, key: server.keyPem, cert: server.certPem, created: { ca: caCreated, server: serverCreated } };
}

async function readPair(keyPath: string, certPath: string): Promise<KeyAndCert | undefined> {
  let keyPem: string;
  let certPem: string;
  try {
    [keyPem, certPem] = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')]);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    // A key that does not belong to the certificate (e.g. a half-finished earlier write) is no pair.
    return new X509Certificate(certPem).checkPrivateKey(createPrivateKey(keyPem)) ? { keyPem, certPem } : undefined;
  } catch {
    // Unparseable files are regenerated rather than blocking the start.
    return undefined;
  }
}

function usable(pair: KeyAndCert, now: Date): boolean {
  const cert = new X509Certificate(pair.certPem);
  return Date.parse(cert.validTo) - RENEW_BEFORE_MS > now.getTime() && Date.parse(cert.validFrom) <= now.getTime();
}

function signedBy(pair: KeyAndCert, ca: KeyAndCert): boolean {
  const caCert = new X509Certificate(ca.certPem);
  const cert = new X509Certificate(pair.certPem);
  return cert.checkIssued(caCert) && cert.verify(caCert.publicKey);
}
