package io.portcullis.gateway.crypto;

/** Placeholder for the Vector API engine (under construction); never chosen while it says it is unavailable. */
final class VectorChaCha20 implements ChaCha20Engine {
  static String unavailabilityCause() {
    return "vector engine not built yet";
  }

  @Override
  public String name() {
    return "vector";
  }

  @Override
  public void xor(int[] key, int counter, int n0, int n1, int n2, byte[] in, int inOff, byte[] out, int outOff,
      int len) {
    throw new UnsupportedOperationException("vector engine not built yet");
  }
}
