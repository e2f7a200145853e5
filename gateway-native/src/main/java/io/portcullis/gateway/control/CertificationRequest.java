package io.portcullis.gateway.control;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import javax.security.auth.x500.X500Principal;

/**
 * A PKCS#10 certificate signing request (RFC 2986) for a new ECDSA P-256 key pair, DER-encoded with the JDK
 * alone.
 *
 * <p>Why not Bouncy Castle's {@code PKCS10CertificationRequestBuilder}: the request has one fixed shape (no
 * attributes, one algorithm), the JDK already encodes its two variable parts ({@link X500Principal#getEncoded()}
 * gives the subject, {@code PublicKey.getEncoded()} the SubjectPublicKeyInfo, {@link Signature} a DER ECDSA
 * signature), and the rest is four DER headers; bcpkix with bcprov and bcutil would add about 9 MB to the
 * gateway for that. The core parses and verifies the request with Bouncy Castle, and the unit test checks the
 * encoding against Bouncy Castle's ASN.1 parser.
 *
 * <pre>
 * CertificationRequest ::= SEQUENCE {
 *   certificationRequestInfo  SEQUENCE { version INTEGER (0), subject Name,
 *                                        subjectPKInfo SubjectPublicKeyInfo, attributes [0] IMPLICIT SET OF },
 *   signatureAlgorithm        AlgorithmIdentifier (ecdsa-with-SHA256, no parameters: RFC 5758 3.2),
 *   signature                 BIT STRING }
 * </pre>
 *
 * @param keyPair the new key pair; its private key stays on the gateway
 * @param der the encoded request to send to the core
 */
record CertificationRequest(KeyPair keyPair, byte[] der) {
  /** ecdsa-with-SHA256, 1.2.840.10045.4.3.2 (RFC 5758 3.2), as a DER OBJECT IDENTIFIER. */
  private static final byte[] ECDSA_WITH_SHA256 = {
    0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x04, 0x03, 0x02
  };

  private static final int SEQUENCE = 0x30;
  private static final int BIT_STRING = 0x03;
  private static final int CONTEXT_0_CONSTRUCTED = 0xa0;
  private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

  /** A new P-256 key pair and a request for {@code subject} signed with it. */
  static CertificationRequest create(X500Principal subject) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    byte[] info =
        tlv(SEQUENCE, concat(VERSION_0, subject.getEncoded(), pair.getPublic().getEncoded(), tlv(CONTEXT_0_CONSTRUCTED)));
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(pair.getPrivate());
    signer.update(info);
    byte[] signature = signer.sign();
    byte[] bits = new byte[signature.length + 1]; // leading octet: no unused bits
    System.arraycopy(signature, 0, bits, 1, signature.length);
    byte[] der = tlv(SEQUENCE, concat(info, tlv(SEQUENCE, ECDSA_WITH_SHA256), tlv(BIT_STRING, bits)));
    return new CertificationRequest(pair, der);
  }

  /** One DER element: tag, definite length (short or long form, X.690 8.1.3), contents. */
  static byte[] tlv(int tag, byte[]... contents) {
    byte[] body = concat(contents);
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 6);
    out.write(tag);
    int length = body.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int octets = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | octets);
      for (int i = octets - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
