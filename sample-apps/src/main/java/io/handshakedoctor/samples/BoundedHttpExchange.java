package io.handshakedoctor.samples;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One java.net.http exchange (handshake, request and the whole body) that cannot outlive its bound.
 * HttpClient's own connect and request timeouts do not always fire: on JDK 17.0.15 a request to
 * {@code openssl s_server -www} after a client-certificate handshake never completes. A JDK defect
 * then reads as one failed exchange naming the JDK, not a hung program.
 */
public final class BoundedHttpExchange {

    /** Starts the message of the exception thrown when the bound elapses; tests recognise it. */
    public static final String NOT_COMPLETED = "java.net.http did not complete the exchange";

    private BoundedHttpExchange() {
    }

    /**
     * Sends {@code request} and reads the body as a string, waiting at most {@code boundMs}. Throws
     * what the exchange failed with (the JDK's own exception, diagnosis attached), or a
     * {@link TimeoutException} when it did neither within the bound.
     */
    public static HttpResponse<String> send(HttpClient client, HttpRequest request, long boundMs) throws Exception {
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            return exchange.get(boundMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new TimeoutException(NOT_COMPLETED + " within " + boundMs + " ms on JDK " + Runtime.version()
                    + " (" + System.getProperty("java.vm.vendor") + "), whatever its own timeouts say");
        }
    }
}
