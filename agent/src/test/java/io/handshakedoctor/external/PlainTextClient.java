package io.handshakedoctor.external;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** A client that forgot TLS: it sends its protocol's first bytes in clear to a TLS port and waits for the close. */
final class PlainTextClient {
  private PlainTextClient() {}

  static void send(int port, byte[] firstBytes) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(firstBytes);
      out.flush();
      InputStream in = s.getInputStream();
      while (in.read() >= 0) {
        // until the server closes
      }
    } catch (IOException closedOrReset) {
      // the server's answer to bytes that are not TLS
    }
  }
}
