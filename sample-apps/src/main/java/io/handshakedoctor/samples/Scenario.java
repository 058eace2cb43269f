package io.handshakedoctor.samples;

/** One reproducible TLS situation: starts its own loopback server, runs one client connection. */
public interface Scenario {

    /** Stable id used on the command line and in the output line. */
    String name();

    /** One sentence: what is set up and what the agent is expected to diagnose. */
    String description();

    /**
     * Runs the scenario once with fresh SSLContexts. A failing handshake is a normal result;
     * an exception thrown from here is a harness error (e.g. a port that cannot be bound).
     */
    ScenarioResult run(Options options) throws Exception;
}
