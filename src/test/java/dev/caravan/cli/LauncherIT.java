package dev.caravan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import dev.caravan.testing.PackagedApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/caravan}, the launcher the container image and the bench run the packaged jar with. */
class LauncherIT {

    private static final Path JAR = Path.of("target", "caravan-runner.jar").toAbsolutePath();
    private static final String SAMPLE = "samples/redis-7.0-sample.rdb";

    private static PackagedApp.Result launch(Map<String, String> env, String... args) {
        Map<String, String> environment = new HashMap<>();
        environment.put("JAVA_OPTS", null);
        environment.put("JAVA_OPTS_APPEND", null);
        environment.put("CARAVAN_HEAP", null);
        environment.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        environment.put("CARAVAN_JAR", JAR.toString());
        environment.putAll(env);
        List<String> command = new ArrayList<>(List.of("sh", "bin/caravan"));
        command.addAll(List.of(args));
        return PackagedApp.exec(command, environment);
    }

    private static String printed(Map<String, String> env, String... args) {
        Map<String, String> print = new HashMap<>(env);
        print.put("CARAVAN_LAUNCHER_PRINT", "1");
        PackagedApp.Result run = launch(print, args);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return run.stdout().strip();
    }

    @Test
    void runsACommandOfThePackagedJar() throws Exception {
        PackagedApp.Result run = launch(Map.of(), "verify", SAMPLE);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).startsWith("OK    " + SAMPLE);
    }

    @Test
    void theJarLeavesOutApplicationPropertiesWhoseValuesTheBuildRecorded(@TempDir Path backups) throws Exception {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.getEntry("application.properties")).isNull();
            assertThat(jar.getEntry("routes/restore.camel.yaml")).isNotNull();
            assertThat(jar.getEntry("dev/caravan/CaravanMain.class")).isNotNull();
        }
        // The destination 'local' and its type come from the recorded values, the folder from here.
        PackagedApp.Result run = PackagedApp.run(List.of("-Dcaravan.destinations.local.path=" + backups),
                "restore", "--source", "main", "--backup", "latest", "--to", "file:" + backups.resolve("x.rdb"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("no backup of source 'main' at destination local");
    }

    @Test
    void verifyAndInspectRunWithC1AloneAndTheOtherCommandsWithBothCompilers() throws Exception {
        assertThat(printed(Map.of(), "verify", "x.rdb")).contains("-XX:TieredStopAtLevel=1")
                .contains("-XX:+UseSerialGC").endsWith("-jar " + JAR + " verify x.rdb");
        assertThat(printed(Map.of(), "inspect", "x.rdb")).contains("-XX:TieredStopAtLevel=1");
        assertThat(printed(Map.of(), "backup", "--once")).doesNotContain("TieredStopAtLevel")
                .contains("-XX:SurvivorRatio=2").contains("-XX:Tier4InvocationThreshold=50000");
        assertThat(printed(Map.of())).doesNotContain("TieredStopAtLevel").endsWith("-jar " + JAR);
    }

    @Test
    void aCommandWritesNoPerfDataFileAndTheServiceDoes() throws Exception {
        assertThat(printed(Map.of(), "verify", "x.rdb")).contains("-XX:-UsePerfData");
        assertThat(printed(Map.of(), "restore", "--source", "main")).contains("-XX:-UsePerfData");
        assertThat(printed(Map.of())).doesNotContain("UsePerfData");
        assertThat(printed(Map.of(), "serve")).doesNotContain("UsePerfData");
    }

    @Test
    void javaOptsReplaceTheDefaultsAndJavaOptsAppendAddsToThem() throws Exception {
        assertThat(printed(Map.of("JAVA_OPTS", "-Xmx64m"), "backup", "--once"))
                .contains("-Xmx64m").doesNotContain("UseSerialGC");
        assertThat(printed(Map.of("JAVA_OPTS_APPEND", "-Dcaravan.backup.codec=zip"), "backup", "--once"))
                .contains("-XX:+UseSerialGC").contains("-Dcaravan.backup.codec=zip -jar");
    }

    @Test
    void caravanHeapReplacesOnlyTheHeapOptionAsTheContainerImageSetsIt() throws Exception {
        assertThat(printed(Map.of(), "backup", "--once")).contains("-XX:+UseSerialGC -Xmx256m -XX:SurvivorRatio=2");
        assertThat(printed(Map.of("CARAVAN_HEAP", "-XX:MaxRAMPercentage=75"), "backup", "--once"))
                .contains("-XX:+UseSerialGC -XX:MaxRAMPercentage=75 -XX:SurvivorRatio=2").doesNotContain("-Xmx");
        assertThat(printed(Map.of("CARAVAN_HEAP", "-Xmx1g", "JAVA_OPTS", "-Xmx64m"), "backup", "--once"))
                .contains("-Xmx64m").doesNotContain("-Xmx1g");
    }

    @Test
    void theClassDataArchiveIsUsedOnlyWhenItExists(@TempDir Path tmp) throws Exception {
        Path archive = tmp.resolve("caravan.jsa");
        assertThat(printed(Map.of("CARAVAN_CDS", archive.toString()), "verify", "x.rdb"))
                .doesNotContain("SharedArchiveFile");
        Files.writeString(archive, "an archive");
        assertThat(printed(Map.of("CARAVAN_CDS", archive.toString()), "verify", "x.rdb"))
                .contains("-XX:SharedArchiveFile=" + archive);
    }

    @Test
    void onJava25AnAotCacheIsUsedAndNettysUnsafeAllowed(@TempDir Path tmp) throws Exception {
        Path java25 = fakeJdk(tmp.resolve("jdk-25"), "25.0.3");
        Path java17 = fakeJdk(tmp.resolve("jdk-17"), "17.0.15");
        Path cache = Files.writeString(tmp.resolve("caravan.aot"), "a cache");
        assertThat(printed(Map.of("JAVA", java25.toString(), "CARAVAN_CDS", cache.toString()), "backup", "--once"))
                .contains("-XX:AOTCache=" + cache).contains("--sun-misc-unsafe-memory-access=allow")
                .doesNotContain("SharedArchiveFile");
        // Java 17 knows neither option: it would refuse to start.
        assertThat(printed(Map.of("JAVA", java17.toString(), "CARAVAN_CDS", cache.toString()), "backup", "--once"))
                .doesNotContain("AOTCache").doesNotContain("sun-misc-unsafe-memory-access");
        Path archive = Files.writeString(tmp.resolve("caravan.jsa"), "an archive");
        assertThat(printed(Map.of("JAVA", java25.toString(), "CARAVAN_CDS", archive.toString()), "verify", "x.rdb"))
                .contains("-XX:SharedArchiveFile=" + archive).doesNotContain("AOTCache");
    }

    @Test
    void theJavaVersionIsReadThroughSymbolicLinksAsDebianAlternativesInstallJava(@TempDir Path tmp) throws Exception {
        Path java25 = fakeJdk(tmp.resolve("jdk-25"), "25.0.3");
        Path link = Files.createSymbolicLink(Files.createDirectories(tmp.resolve("bin")).resolve("java"), java25);
        assertThat(printed(Map.of("JAVA", link.toString()), "backup", "--once"))
                .startsWith(link + " ").contains("--sun-misc-unsafe-memory-access=allow");
    }

    /** A JDK's layout as the launcher reads it: bin/java and the release file; java is never run here. */
    private static Path fakeJdk(Path home, String version) throws Exception {
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nexit 1\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"" + version + "\"\n");
        return java;
    }

    @Test
    void aMissingJarIsNamedWithWhatToDo() throws Exception {
        PackagedApp.Result run = launch(Map.of("CARAVAN_JAR", "/nonexistent/quarkus-run.jar"), "verify", SAMPLE);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stderr()).contains("no application jar at /nonexistent/quarkus-run.jar")
                .contains("./mvnw package");
    }
}
