package io.handshakedoctor.samples;

import java.io.InputStream;
import java.net.Proxy;
import java.net.URL;

import javax.net.ssl.HttpsURLConnection;

/**
 * HttpsURLConnection with the default hostname verifier (so endpoint identification is on), and an
 * SSLSocketFactory from the scenario's context that applies the scenario's SSLParameters to each socket.
 */
final class HttpsUrlConnectionClient implements ClientPath {

    @Override
    public void exchange(ClientRequest request) throws Exception {
        URL url = new URL("https://" + request.authority() + "/");
        HttpsURLConnection connection = (HttpsURLConnection) url.openConnection(Proxy.NO_PROXY);
        connection.setSSLSocketFactory(new ConfiguringSSLSocketFactory(request.context.getSocketFactory(), request.configure));
        connection.setConnectTimeout(request.timeoutMs);
        connection.setReadTimeout(request.timeoutMs);
        connection.setUseCaches(false);
        try {
            int status = connection.getResponseCode();
            try (InputStream body = connection.getInputStream()) {
                body.readAllBytes();
            }
            MiniHttp.checkOk(status == 200, "status " + status);
        } finally {
            connection.disconnect();
        }
    }
}
