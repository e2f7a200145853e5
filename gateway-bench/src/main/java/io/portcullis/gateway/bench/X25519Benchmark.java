package io.portcullis.gateway.bench;

import io.portcullis.gateway.crypto.X25519;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyAgreement;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** One X25519 shared-secret computation: ours, the JDK's XDH KeyAgreement and BouncyCastle's rfc7748.X25519. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class X25519Benchmark {
  byte[] privateKey = new byte[32];
  byte[] peerPublic = new byte[32];
  byte[] shared = new byte[32];
  KeyAgreement jce;
  PrivateKey jcePrivate;
  PublicKey jcePeer;

  @Setup
  public void setup() throws GeneralSecurityException {
    SecureRandom random = new SecureRandom();
    X25519.generatePrivateKey(privateKey, random);
    byte[] peerPrivate = new byte[32];
    X25519.generatePrivateKey(peerPrivate, random);
    X25519.publicKey(peerPublic, peerPrivate);
    KeyPairGenerator kpg = KeyPairGenerator.getInstance("XDH");
    kpg.initialize(NamedParameterSpec.X25519);
    KeyPair a = kpg.generateKeyPair();
    KeyPair b = kpg.generateKeyPair();
    jcePrivate = a.getPrivate();
    jcePeer = b.getPublic();
    jce = KeyAgreement.getInstance("XDH");
  }

  @Benchmark
  public byte[] ours() {
    X25519.scalarMult(shared, privateKey, peerPublic);
    return shared;
  }

  @Benchmark
  public byte[] jce() throws GeneralSecurityException {
    jce.init(jcePrivate);
    jce.doPhase(jcePeer, true);
    return jce.generateSecret();
  }

  @Benchmark
  public byte[] bouncyCastle() {
    org.bouncycastle.math.ec.rfc7748.X25519.scalarMult(privateKey, 0, peerPublic, 0, shared, 0);
    return shared;
  }
}
