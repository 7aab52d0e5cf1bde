package dev.caravan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged application as a person would: the native binary when the build made one
 * ({@code native.image.path}), else {@code java -jar target/caravan-runner.jar}.
 */
public final class PackagedApp {

    public record Result(int exitCode, String stdout, String stderr) {
    }

    private PackagedApp() {
    }

    /** Runs with JVM/system properties ({@code -Dk=v}) and the given arguments. */
    public static Result run(List<String> systemProperties, String... args) {
        return run(java.util.Map.of(), systemProperties, args);
    }

    /** As {@link #run(List, String...)}, with environment variables added to this process's own. */
    public static Result run(java.util.Map<String, String> env, List<String> systemProperties, String... args) {
        List<String> command = new ArrayList<>();
        String nativeImage = System.getProperty("native.image.path");
        if (nativeImage != null && Files.isExecutable(Path.of(nativeImage))) {
            command.add(nativeImage);
            command.addAll(systemProperties);
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(systemProperties);
            command.add("-jar");
            command.add(Path.of("target", "caravan-runner.jar").toString());
        }
        command.addAll(List.of(args));
        return exec(command, env);
    }

    /**
     * Runs {@code command} to its end (two minutes at most) with {@code env} over this process's
     * environment; a variable mapped to null is removed from it.
     */
    public static Result exec(List<String> command, java.util.Map<String, String> env) {
        try {
            Path out = Files.createTempFile("caravan-out", ".txt");
            Path err = Files.createTempFile("caravan-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            env.forEach((name, value) -> {
                if (value == null) {
                    builder.environment().remove(name);
                } else {
                    builder.environment().put(name, value);
                }
            });
            Process p = builder.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            Result result = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
