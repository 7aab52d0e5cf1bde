package dev.caravan.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real command-line tools (zstd, gzip, unzip, sha256sum) as processes. */
final class Tools {

    private Tools() {
    }

    /** Runs {@code command} in {@code dir}; returns its stdout; fails the test on a non-zero exit. */
    static String run(Path dir, String... command) throws IOException, InterruptedException {
        return run(dir, null, command);
    }

    /** Same, with stdout going to {@code stdoutFile} instead. */
    static String run(Path dir, File stdoutFile, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(dir.toFile());
        builder.redirectError(ProcessBuilder.Redirect.PIPE);
        if (stdoutFile != null) {
            builder.redirectOutput(stdoutFile);
        }
        Process process = builder.start();
        process.getOutputStream().close();
        List<String> out = new ArrayList<>();
        Thread err = new Thread(() -> drain(process, out));
        err.start();
        String stdout = stdoutFile == null
                ? new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", List.of(command)).isTrue();
        err.join();
        assertThat(process.exitValue()).as("exit status of %s, stderr: %s", List.of(command), out).isZero();
        return stdout;
    }

    private static void drain(Process process, List<String> out) {
        try {
            out.add(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            out.add(e.toString());
        }
    }
}
