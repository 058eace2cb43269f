package io.handshakedoctor.samples;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.net.ssl.SSLParameters;

/**
 * java.net.http.HttpClient (HTTP/1.1, so no ALPN of its own unless the scenario sets one).
 * It runs SSLEngine internally; the connect timeout covers TCP connect + handshake, the request
 * timeout the response, and {@link BoundedHttpExchange} the whole exchange, body included.
 */
final class JavaHttpClient implements ClientPath {

    @Override
    public void exchange(ClientRequest request) throws Exception {
        SSLParameters parameters = request.context.getDefaultSSLParameters();
        request.configure.accept(parameters);
        HttpClient client = HttpClient.newBuilder()
                .sslContext(request.context)
                .sslParameters(parameters)
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofMillis(request.timeoutMs))
                .build();
        HttpRequest get = HttpRequest.newBuilder(URI.create("https://" + request.authority() + "/"))
                .timeout(Duration.ofMillis(request.timeoutMs))
                .GET()
                .build();
        HttpResponse<String> response = BoundedHttpExchange.send(client, get, 2L * request.timeoutMs);
        MiniHttp.checkOk(response.statusCode() == 200, "status " + response.statusCode());
    }
}
