package io.handshakedoctor.samples;

/** Runs the chosen client path against a running server and collects both sides' outcome. */
final class Exchange {

    /** How long the server may take, after the client is done, to notice and record its side. */
    private static final long SERVER_SETTLE_MS = 1500;

    private Exchange() {
    }

    static ScenarioResult run(LoopbackServer server, Options options, ClientRequest request) throws InterruptedException {
        Throwable clientError = null;
        try {
            ClientPath.named(options.client()).exchange(request);
        } catch (Exception e) {
            clientError = e;
        }
        server.awaitIdle(SERVER_SETTLE_MS);
        return ScenarioResult.of(clientError, server.firstError());
    }
}
