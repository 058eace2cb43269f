package io.handshakedoctor.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full handshakes per second over loopback SSLSockets: each operation connects, handshakes, sends
 * a 16-byte request, reads a 16-byte response and closes. The server is a thread of the same JVM
 * serving one connection at a time, so both ends run under the agent when it is attached.
 * Sessions are invalidated on both sides: no resumption. The client closes with SO_LINGER 0 so
 * loopback ports do not pile up in TIME_WAIT.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SocketHandshakeBenchmark {
  private static final int MESSAGE = 16;

  @Param({"TLSv1.3", "TLSv1.2"})
  public String protocol;

  private SSLServerSocket serverSocket;
  private Thread serverThread;
  private SSLSocketFactory clientFactory;
  private InetAddress loopback;
  private final byte[] request = new byte[MESSAGE];
  private final byte[] response = new byte[MESSAGE];

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Quiet.apply();
    Pki pki = Pki.shared();
    loopback = InetAddress.getLoopbackAddress();
    serverSocket =
        (SSLServerSocket) pki.server.getServerSocketFactory().createServerSocket(0, 128, loopback);
    serverSocket.setEnabledProtocols(new String[] {protocol});
    clientFactory = pki.trustingClient.getSocketFactory();
    serverThread = new Thread(this::serve, "benchmark-tls-server");
    serverThread.setDaemon(true);
    serverThread.start();
    exchange();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    serverSocket.close();
    serverThread.join(5000);
  }

  private void serve() {
    byte[] in = new byte[MESSAGE];
    byte[] out = new byte[MESSAGE];
    while (!serverSocket.isClosed()) {
      try (SSLSocket s = (SSLSocket) serverSocket.accept()) {
        s.setSoTimeout(10_000);
        InputStream is = s.getInputStream();
        readFully(is, in);
        OutputStream os = s.getOutputStream();
        os.write(out);
        os.flush();
        s.getSession().invalidate();
        while (is.read(in) >= 0) {
          // wait for the client to close: the server never holds the TIME_WAIT
        }
      } catch (SocketException closed) {
        // the client's abortive close, or the benchmark ended
      } catch (IOException e) {
        if (!serverSocket.isClosed()) {
          e.printStackTrace();
        }
      }
    }
  }

  private static void readFully(InputStream is, byte[] buf) throws IOException {
    int n = 0;
    while (n < buf.length) {
      int r = is.read(buf, n, buf.length - n);
      if (r < 0) {
        throw new IOException("closed after " + n + " bytes");
      }
      n += r;
    }
  }

  @Benchmark
  public Object exchange() throws Exception {
    SSLSocket s = (SSLSocket) clientFactory.createSocket(loopback, serverSocket.getLocalPort());
    try {
      s.setSoTimeout(10_000);
      s.setSoLinger(true, 0);
      s.setEnabledProtocols(new String[] {protocol});
      OutputStream os = s.getOutputStream();
      os.write(request);
      os.flush();
      readFully(s.getInputStream(), response);
      s.getSession().invalidate();
    } finally {
      s.close();
    }
    return response;
  }
}
