package io.handshakedoctor.samples;

import java.util.function.Consumer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** Everything a client path needs for one HTTPS GET. */
final class ClientRequest {
    final String host;
    final int port;
    final SSLContext context;
    /** Applied to the client's SSLParameters on every path (protocols, suites, SNI, ALPN, ...). */
    final Consumer<SSLParameters> configure;
    final int timeoutMs;

    ClientRequest(String host, int port, SSLContext context, Consumer<SSLParameters> configure, int timeoutMs) {
        this.host = host;
        this.port = port;
        this.context = context;
        this.configure = configure;
        this.timeoutMs = timeoutMs;
    }

    /** IPv6 literals need brackets in URLs; everything else is used as is. */
    String authority() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
