package io.portcullis.gateway.control;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** Self-signed P-256 certificates and their keys as PEM, for the credential tests (Bouncy Castle's ASN.1 only). */
final class TestCertificates {
  private TestCertificates() {}

  /** A certificate and its key, as PEM texts. */
  record Pair(String certificatePem, String keyPem, X509Certificate certificate, KeyPair keys) {}

  static Pair selfSigned(String subject, Instant notBefore, Instant notAfter) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    AlgorithmIdentifier algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
    V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
    tbs.setSerialNumber(new ASN1Integer(BigInteger.valueOf(System.nanoTime()).abs().add(BigInteger.ONE)));
    tbs.setIssuer(new X500Name(subject));
    tbs.setSubject(new X500Name(subject));
    tbs.setStartDate(new Time(Date.from(notBefore)));
    tbs.setEndDate(new Time(Date.from(notAfter)));
    tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
    tbs.setSignature(algorithm);
    TBSCertificate info = tbs.generateTBSCertificate();
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(keys.getPrivate());
    signer.update(info.getEncoded("DER"));
    byte[] der =
        new DERSequence(new ASN1Encodable[] {info, algorithm, new DERBitString(signer.sign())}).getEncoded("DER");
    X509Certificate certificate =
        (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    return new Pair(pem("CERTIFICATE", der), pem("PRIVATE KEY", keys.getPrivate().getEncoded()), certificate, keys);
  }

  static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n"
        + new String(Base64.getMimeEncoder(64, new byte[] {'\n'}).encode(der), StandardCharsets.US_ASCII)
        + "\n-----END " + label + "-----\n";
  }
}
