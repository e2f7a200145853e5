package io.portcullis.gateway.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.Test;

/** The JDK-only PKCS#10 encoding, read back with Bouncy Castle's ASN.1 parser and checked with the JDK. */
class CertificationRequestTest {

  @Test
  void bouncyCastleReadsTheRequestAndItsSignatureVerifies() throws Exception {
    X500Principal subject = new X500Principal("CN=portcullis-gateway-42,O=Portcullis");
    var request = io.portcullis.gateway.control.CertificationRequest.create(subject);

    CertificationRequest parsed = CertificationRequest.getInstance(request.der());
    assertThat(parsed.getCertificationRequestInfo().getVersion().intValueExact()).isZero();
    assertThat(new X500Principal(parsed.getCertificationRequestInfo().getSubject().getEncoded())).isEqualTo(subject);
    assertThat(parsed.getCertificationRequestInfo().getAttributes().size()).isZero();
    assertThat(parsed.getSignatureAlgorithm().getAlgorithm()).isEqualTo(X9ObjectIdentifiers.ecdsa_with_SHA256);
    assertThat(parsed.getSignatureAlgorithm().getParameters()).isNull();
    // Re-encoding what was parsed gives the same bytes: the request is valid DER, not merely BER.
    assertThat(parsed.getEncoded("DER")).isEqualTo(request.der());

    byte[] spki = parsed.getCertificationRequestInfo().getSubjectPublicKeyInfo().getEncoded("DER");
    PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
    assertThat(key).isEqualTo(request.keyPair().getPublic());
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(key);
    verifier.update(parsed.getCertificationRequestInfo().getEncoded("DER"));
    assertThat(verifier.verify(parsed.getSignature().getOctets())).isTrue();
  }

  @Test
  void eachRequestHasItsOwnKeyPair() throws Exception {
    X500Principal subject = new X500Principal("CN=portcullis-gateway-1");
    var a = io.portcullis.gateway.control.CertificationRequest.create(subject);
    var b = io.portcullis.gateway.control.CertificationRequest.create(subject);
    assertThat(a.keyPair().getPublic()).isNotEqualTo(b.keyPair().getPublic());
  }

  @Test
  void longLengthsUseTheLongForm() {
    assertThat(io.portcullis.gateway.control.CertificationRequest.tlv(0x04, new byte[5])).startsWith(0x04, 5);
    byte[] mid = io.portcullis.gateway.control.CertificationRequest.tlv(0x04, new byte[200]);
    assertThat(mid).startsWith(0x04, 0x81, 200 - 256);
    byte[] big = io.portcullis.gateway.control.CertificationRequest.tlv(0x04, new byte[300]);
    assertThat(big).startsWith(0x04, 0x82, 0x01, 0x2c);
    assertThat(big).hasSize(304);
  }
}
