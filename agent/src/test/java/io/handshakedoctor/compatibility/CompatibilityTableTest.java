package io.handshakedoctor.compatibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompatibilityTableTest {
    @TempDir
    Path dir;

    @Test
    void aBuildsRowsReplaceTheKeptRowsOfTheSameCaseAndKeepTheOthers() throws Exception {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.write(docs.resolve(CompatibilityTable.RESULTS_FILE), List.of(
                "SunJSSE\tOkHttp 5.5\t17\twrong_host\thostname_mismatch\tnone\t",
                "SunJSSE\tSSLSocket\t17\texpired\tcertificate_expired\tcertificate_expired\tclient_hello,peer_chain"));
        Path build = dir.resolve("results.tsv");
        Files.write(build, List.of("SunJSSE\tOkHttp 5.5\t17\twrong_host\thostname_mismatch\thostname_mismatch\tpeer_chain,trust_verdict"));

        assertEquals(2, CompatibilityTable.write(build, docs));

        String md = new String(Files.readAllBytes(docs.resolve(CompatibilityTable.TABLE_FILE)), StandardCharsets.UTF_8);
        assertTrue(md.contains("| SunJSSE | OkHttp 5.5 | 17 | wrong_host | hostname_mismatch | hostname_mismatch | peer_chain, trust_verdict |"), md);
        assertTrue(md.contains("| SunJSSE | SSLSocket | 17 | 1/1 | yes | no | no | no | yes | no | no |"), md);
        assertEquals(3, Files.readAllLines(docs.resolve(CompatibilityTable.RESULTS_FILE)).size(), "header and two rows");
    }

    @Test
    void aWrongDiagnosisIsMarkedAndNotCountedRight() {
        String md = CompatibilityTable.render(List.of(
                new CompatibilityTable.Row("BC\tSSLSocket\t25\texpired\tcertificate_expired\tnone\t"),
                new CompatibilityTable.Row("BC\tSSLSocket\t25\tvalid\tnone\tnone\t")));
        assertTrue(md.contains("| BC | SSLSocket | 25 | 1/2 | no | no | no | no | no | no | no |"), md);
        assertTrue(md.contains("| expired | certificate_expired | **none** |"), md);
    }

    @Test
    void anEventsAttributesTellWhatItCaptured() {
        Map<String, Object> event = Map.of(
                "handshake_doctor.protocols.offered", List.of("TLSv1.3"),
                "handshake_doctor.alert.direction", "received",
                "handshake_doctor.peer_certificate_chain", List.of(),
                "handshake_doctor.evidence", List.of("trust manager accepted the server's chain of 2 certificates"));
        assertEquals(java.util.EnumSet.of(Captured.CLIENT_HELLO, Captured.ALERT_RECEIVED, Captured.TRUST_VERDICT),
                EventCaptures.of(event));
    }
}
