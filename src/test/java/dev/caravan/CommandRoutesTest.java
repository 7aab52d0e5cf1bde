package dev.caravan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.camel.util.AntPathMatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The routes files each command leaves out, matched as Camel Main matches them, on the real routes/. */
class CommandRoutesTest {

    private static final Path ROUTES = Path.of("routes");
    private static final Pattern FROM_DIRECT = Pattern.compile("from:\\s*\\n\\s*uri: \"?direct:([\\w-]+)");
    private static final Pattern DIRECT = Pattern.compile("direct:([\\w$.{}-]+)");

    @ParameterizedTest
    @CsvSource({
        "verify,  direct:verify,  checks.camel.yaml",
        "inspect, direct:inspect, checks.camel.yaml",
        "backup,  direct:backup,  backup.camel.yaml publish.camel.yaml",
        "restore, direct:restore, restore.camel.yaml"})
    void aCommandLoadsTheFileOfTheRouteItCallsAndEveryRouteThatOneCallsAndNothingElse(String command,
            String calls, String expected) throws IOException {
        String leftOut = CommandRoutes.leftOut(command, "x.rdb");
        List<Path> kept = routesFiles().filter(f -> !excluded(leftOut, "classpath:routes/" + f.getFileName())).toList();

        assertThat(kept).map(f -> f.getFileName().toString()).containsExactlyInAnyOrder(expected.split(" "));
        Set<String> defined = new TreeSet<>();
        Set<String> called = new TreeSet<>(Set.of(calls.substring("direct:".length())));
        for (Path file : kept) {
            // Comments and {{property}} endpoints (a trigger's default when it is off) call no route.
            String yaml = Files.readString(file).replaceAll("(?m)^\\s*#.*$", "").replaceAll("\\{\\{[^}]*}}", "");
            FROM_DIRECT.matcher(yaml).results().forEach(m -> defined.add(m.group(1)));
            DIRECT.matcher(yaml).results().forEach(m -> called.add(m.group(1)));
        }
        for (String route : called) {
            // direct:publish-${header.caravanDestinationType} needs at least one publish-* route
            String prefix = route.contains("$") ? route.substring(0, route.indexOf('$')) : null;
            assertThat(defined).as("routes loaded by '%s', for direct:%s", command, route)
                    .anyMatch(d -> prefix == null ? d.equals(route) : d.startsWith(prefix));
        }
    }

    @Test
    void theSameFilesAreLeftOutWhenTheRoutesAreReadFromTheFileSystem() {
        String leftOut = CommandRoutes.leftOut("verify");
        assertThat(excluded(leftOut, "file:routes/restore.camel.yaml")).isTrue();
        assertThat(excluded(leftOut, "file:/etc/caravan/routes/restore.camel.yaml")).isTrue();
        assertThat(excluded(leftOut, "file:routes/checks.camel.yaml")).isFalse();
    }

    @Test
    void thePackedRoutesAreNamedOneByOneAndEveryFileOfRoutesIsAmongThem() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        List<String> included = Arrays.stream(properties.getProperty("camel.main.routes-include-pattern").split(","))
                .map(String::strip).toList();

        assertThat(included).allMatch(p -> p.startsWith("classpath:routes/") && !p.contains("*"));
        assertThat(included).map(p -> p.substring("classpath:routes/".length()))
                .containsExactlyInAnyOrderElementsOf(routesFiles().map(f -> f.getFileName().toString()).toList());
    }

    @Test
    void helpAVersionATypoAndTheServiceLeaveNothingOut() {
        assertThat(CommandRoutes.leftOut()).isNull();
        assertThat(CommandRoutes.leftOut("serve")).isNull();
        assertThat(CommandRoutes.leftOut("--help")).isNull();
        assertThat(CommandRoutes.leftOut("--version")).isNull();
        assertThat(CommandRoutes.leftOut("verfiy", "x.rdb")).isNull();
    }

    @Test
    void anEnvironmentVariableNameIsTheOneMicroProfileConfigLooksFor() {
        assertThat(CaravanMain.environmentName("camel.main.routes-exclude-pattern"))
                .isEqualTo("CAMEL_MAIN_ROUTES_EXCLUDE_PATTERN");
        assertThat(CaravanMain.environmentName("quarkus.log.level")).isEqualTo("QUARKUS_LOG_LEVEL");
    }

    private static Stream<Path> routesFiles() throws IOException {
        return Files.list(ROUTES).filter(f -> f.getFileName().toString().endsWith(".camel.yaml")).sorted();
    }

    private static boolean excluded(String patterns, String location) {
        return Arrays.stream(patterns.split(",")).anyMatch(p -> AntPathMatcher.INSTANCE.match(p, location));
    }
}
