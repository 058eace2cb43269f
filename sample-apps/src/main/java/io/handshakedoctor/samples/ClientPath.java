package io.handshakedoctor.samples;

/** One way an application opens a TLS connection with JSSE. */
interface ClientPath {

    /** Performs the handshake and one GET; returns normally only on a 200 response. */
    void exchange(ClientRequest request) throws Exception;

    static ClientPath named(String name) {
        switch (name) {
            case "socket":
                return new SocketClient();
            case "engine":
                return new EngineClient();
            case "https-url-connection":
                return new HttpsUrlConnectionClient();
            case "http-client":
                return new JavaHttpClient();
            default:
                throw new IllegalArgumentException("unknown client path " + name);
        }
    }
}
