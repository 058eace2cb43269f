package io.handshakedoctor.samples;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.function.Consumer;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Delegating factory that applies SSLParameters to every socket it creates: the usual way to give
 * HttpsURLConnection restricted protocols, cipher suites, SNI or ALPN. HttpsURLConnection then adds
 * its own endpoint identification on top.
 */
public final class ConfiguringSSLSocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory delegate;
    private final Consumer<SSLParameters> configure;

    public ConfiguringSSLSocketFactory(SSLSocketFactory delegate, Consumer<SSLParameters> configure) {
        this.delegate = delegate;
        this.configure = configure;
    }

    private Socket configured(Socket socket) {
        if (socket instanceof SSLSocket) {
            SSLSocket ssl = (SSLSocket) socket;
            SSLParameters parameters = ssl.getSSLParameters();
            configure.accept(parameters);
            ssl.setSSLParameters(parameters);
        }
        return socket;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return configured(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return configured(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
        return configured(delegate.createSocket(s, consumed, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return configured(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return configured(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return configured(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return configured(delegate.createSocket(address, port, localAddress, localPort));
    }
}
