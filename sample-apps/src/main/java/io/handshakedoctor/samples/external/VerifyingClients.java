package io.handshakedoctor.samples.external;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * Clients that leave the host name out of the handshake and check it with a {@link HostnameVerifier} once the
 * handshake has completed: OkHttp (its own {@code OkHostnameVerifier}), Apache HttpClient 5 classic with the
 * {@code CLIENT} verification policy ({@code DefaultHostnameVerifier}), HttpsURLConnection with a custom verifier,
 * and an SSLSocket whose application calls a custom verifier and throws {@link SSLPeerUnverifiedException}.
 */
final class VerifyingClients {

    private VerifyingClients() {
    }

    static int connect(String client, URI uri, SSLContext context, Map<String, String> attempt, int timeoutMs)
            throws Exception {
        switch (client) {
            case "okhttp":
                return viaOkHttp(uri, context, attempt, timeoutMs);
            case "apache-httpclient5":
                return viaHttpClient5(uri, context, timeoutMs);
            case "https-url-connection-verifier":
                return viaHttpsUrlConnection(uri, context, timeoutMs);
            default:
                return viaSocket(uri, context, attempt, timeoutMs);
        }
    }

    private static int viaOkHttp(URI uri, SSLContext context, Map<String, String> attempt, int timeoutMs)
            throws Exception {
        OkHttpClient client = new OkHttpClient.Builder()
                .sslSocketFactory(context.getSocketFactory(), trustManager(attempt))
                .protocols(List.of(Protocol.HTTP_1_1))
                .proxy(Proxy.NO_PROXY)
                .retryOnConnectionFailure(false)
                .connectTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .readTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .build();
        try (Response response = client.newCall(new Request.Builder().url(uri.toString()).build()).execute()) {
            return response.code();
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    private static int viaHttpClient5(URI uri, SSLContext context, int timeoutMs) throws Exception {
        Timeout timeout = Timeout.ofMilliseconds(timeoutMs);
        try (CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setTlsSocketStrategy(ClientTlsStrategyBuilder.create()
                                .setSslContext(context)
                                // The host name is checked by DefaultHostnameVerifier after the handshake, not by JSSE.
                                .setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
                                .setHostnameVerifier(new DefaultHostnameVerifier())
                                .buildClassic())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                        .build())
                .disableAutomaticRetries()
                .build()) {
            return client.execute(new HttpGet(uri), response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
        }
    }

    private static int viaHttpsUrlConnection(URI uri, SSLContext context, int timeoutMs) throws Exception {
        HttpsURLConnection connection = (HttpsURLConnection) new URL(uri.toString()).openConnection(Proxy.NO_PROXY);
        // Not the default verifier: HttpsURLConnection then leaves JSSE's endpoint identification off and asks
        // the verifier when its own check fails ("HTTPS hostname wrong").
        connection.setSSLSocketFactory(context.getSocketFactory());
        connection.setHostnameVerifier(new SubjectAltNameVerifier());
        connection.setConnectTimeout(timeoutMs);
        connection.setReadTimeout(timeoutMs);
        connection.setUseCaches(false);
        try {
            int status = connection.getResponseCode();
            connection.getInputStream().readAllBytes();
            return status;
        } finally {
            connection.disconnect();
        }
    }

    private static int viaSocket(URI uri, SSLContext context, Map<String, String> attempt, int timeoutMs)
            throws Exception {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            SSLParameters parameters = socket.getSSLParameters();
            Connect.configureWithoutHostCheck(parameters, attempt);
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            if (!new SubjectAltNameVerifier().verify(uri.getHost(), socket.getSession())) {
                throw new SSLPeerUnverifiedException("Host name " + uri.getHost() + " not verified");
            }
            socket.getOutputStream().write(Connect.request(uri));
            socket.getOutputStream().flush();
            return Connect.status(socket.getInputStream());
        }
    }

    private static X509TrustManager trustManager(Map<String, String> attempt) throws Exception {
        TrustManager[] managers = Stores.trustManagers(attempt.get("truststore"), attempt.get("password").toCharArray());
        if (managers == null) {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            managers = factory.getTrustManagers();
        }
        return (X509TrustManager) managers[0];
    }

    /** An application's own verifier: the host must equal one of the leaf's DNS subject alternative names. */
    static final class SubjectAltNameVerifier implements HostnameVerifier {
        @Override
        public boolean verify(String host, SSLSession session) {
            try {
                Certificate[] chain = session.getPeerCertificates();
                Collection<List<?>> names = ((X509Certificate) chain[0]).getSubjectAlternativeNames();
                if (names != null) {
                    for (List<?> name : names) {
                        if (Integer.valueOf(2).equals(name.get(0))
                                && host.toLowerCase(Locale.ROOT).equals(String.valueOf(name.get(1)).toLowerCase(Locale.ROOT))) {
                            return true;
                        }
                    }
                }
                return false;
            } catch (SSLPeerUnverifiedException | CertificateParsingException e) {
                return false;
            }
        }
    }
}
