package org.cancerplan.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.cancerplan.CancerPlanApplication;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin shell on an embedded store that another process holds but that it cannot
 * reach: one line saying why and what to do, exit status 1, no stack trace.
 */
class AdminStoreUnreachableTest {

    @TempDir
    Path store;

    @Test
    void aServiceThatDoesNotAnswerOnItsChannelIsOneLineAndStatusOne() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        try (MVStore held = MVStore.open(store.resolve("cancerplan.mv.db").toString())) {
            Files.writeString(store.resolve("cancerplan.channel"), "127.0.0.1\n" + deadPort + "\nsecret\n");

            Shell shell = adminShell("patient", "show", "9434765919");

            assertThat(shell.status()).as(shell.err()).isEqualTo(AdminFailure.FAILED);
            assertThat(shell.err()).startsWith("Cannot reach the store: check that it is running");
            assertThat(shell.err().lines()).as(shell.err()).hasSize(1);
        }
    }

    @Test
    void aStoreHeldByAProcessWithoutAChannelStopsTheShellAtStartWithOneLine() throws Exception {
        try (MVStore held = MVStore.open(store.resolve("cancerplan.mv.db").toString())) {
            Shell shell = adminShell("patient", "show", "9434765919");

            assertThat(shell.status()).as(shell.err()).isEqualTo(AdminFailure.FAILED);
            assertThat(shell.err()).contains("is in use by another process that offers no admin channel");
            assertThat(shell.err().lines()).as(shell.err()).hasSize(1);
        }
    }

    record Shell(int status, String err) {
    }

    /**
     * Runs the shell as {@code ./ops/admin} does: in a JVM of its own, whose exit status
     * and standard error count.
     */
    private Shell adminShell(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                        "-cp", System.getProperty("java.class.path"), CancerPlanApplication.class.getName(),
                        "--spring.profiles.active=admin", "--cancerplan.store.path=" + store, "--"));
        line.addAll(List.of(command));
        Process shell = new ProcessBuilder(line).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(shell.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shell.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Shell(shell.exitValue(), err);
    }

}
