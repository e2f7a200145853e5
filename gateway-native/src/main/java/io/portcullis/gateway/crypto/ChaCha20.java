package io.portcullis.gateway.crypto;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The ChaCha20 stream cipher of RFC 8439 (https://www.rfc-editor.org/rfc/rfc8439), with its engine chosen once.
 *
 * <p>The engine is {@link VectorChaCha20} when the incubating Vector API module is present and its preferred species
 * holds at least eight ints, else {@link ScalarChaCha20}; {@code -Dportcullis.crypto.scalar=true} forces the
 * scalar one.
 * The choice and its reason are logged once (in the manner of Lucene's {@code VectorizationProvider}).
 */
public final class ChaCha20 {
  /** System property that forces the scalar ChaCha20 engine, Poly1305 loop and X25519 ladder when "true". */
  public static final String SCALAR_PROPERTY = "portcullis.crypto.scalar";

  /** "expand 32-byte k" as four little-endian words (RFC 8439 §2.3). */
  static final int SIGMA0 = 0x61707865, SIGMA1 = 0x3320646e, SIGMA2 = 0x79622d32, SIGMA3 = 0x6b206574;

  /** Bytes per ChaCha20 block. */
  static final int BLOCK_LENGTH = 64;

  static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private ChaCha20() {}

  /** The engine in use for this JVM. */
  static ChaCha20Engine engine() {
    return Holder.ENGINE;
  }

  /** Why that engine was chosen, for logs and {@code portcullis-gateway --version}-style diagnostics. */
  public static String engineDescription() {
    return Holder.ENGINE.name() + " (" + Holder.REASON + ")";
  }

  /** Reads eight little-endian key words from {@code key[off..off+32)} into {@code words}. */
  static void keyWords(byte[] key, int off, int[] words) {
    for (int i = 0; i < 8; i++) {
      words[i] = (int) LE32.get(key, off + 4 * i);
    }
  }

  /** Reads one little-endian word. */
  static int le32(byte[] b, int off) {
    return (int) LE32.get(b, off);
  }

  /** Chooses the engine once, on first use. */
  private static final class Holder {
    static final String REASON;
    static final ChaCha20Engine ENGINE;

    static {
      String reason;
      ChaCha20Engine engine;
      if (Boolean.getBoolean(SCALAR_PROPERTY)) {
        reason = "forced by -D" + SCALAR_PROPERTY + "=true";
        engine = new ScalarChaCha20();
      } else if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
        reason = "module jdk.incubator.vector not present; run with --add-modules=jdk.incubator.vector";
        engine = new ScalarChaCha20();
      } else {
        String unusable;
        try {
          unusable = VectorChaCha20.unavailabilityCause();
        } catch (LinkageError e) {
          unusable = "Vector API unusable: " + e;
        }
        if (unusable == null) {
          reason = "Vector API available";
          engine = new VectorChaCha20();
        } else {
          reason = unusable;
          engine = new ScalarChaCha20();
        }
      }
      REASON = reason;
      ENGINE = engine;
      System.getLogger(ChaCha20.class.getName())
          .log(Level.INFO, "ChaCha20 engine: {0} ({1})", engine.name(), reason);
    }
  }
}
