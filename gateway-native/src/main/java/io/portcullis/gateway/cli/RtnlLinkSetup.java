package io.portcullis.gateway.cli;

import io.portcullis.gateway.model.IpPrefix;
import java.io.IOException;
import java.util.List;

/** {@link LinkSetup} over rtnetlink. */
final class RtnlLinkSetup implements LinkSetup {

  @Override
  public void setMtu(String iface, int mtu) throws IOException {
    throw new IOException("rtnetlink is not linked into this build yet");
  }

  @Override
  public void addAddress(String iface, IpPrefix prefix) throws IOException {
    throw new IOException("rtnetlink is not linked into this build yet");
  }

  @Override
  public void setUp(String iface) throws IOException {
    throw new IOException("rtnetlink is not linked into this build yet");
  }

  @Override
  public void addRoutes(String iface, List<IpPrefix> destinations, int table) throws IOException {
    throw new IOException("rtnetlink is not linked into this build yet");
  }
}
