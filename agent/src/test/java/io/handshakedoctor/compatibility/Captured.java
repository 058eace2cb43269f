package io.handshakedoctor.compatibility;

/** What one failure event carried, per the columns of docs/compatibility.md. */
public enum Captured {
    CLIENT_HELLO,
    SERVER_HELLO,
    ALERT_SENT,
    ALERT_RECEIVED,
    PEER_CHAIN,
    TRUST_VERDICT,
    LOCAL_CONFIGURATION
}
