package dev.caravan.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.caravan.config.CaravanConfig;
import dev.caravan.restore.RestoreRefusedException.Reason;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The restore request's parser and its JSON Schema: they agree on every example, valid or not. */
class RestoreRequestsTest {

    private static final String ID = "20261124T083000Z-7f3a";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = RestoreRequestsTest.class.getResourceAsStream("/schema/caravan-restore-request-1.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    private static Set<ValidationMessage> validate(String json) throws IOException {
        return schema.validate(JSON.readTree(json));
    }

    /** Valid requests, written as people would (single quotes turned into double). */
    @ParameterizedTest
    @ValueSource(strings = {
        "{'source': 'main', 'backup': 'latest'}",
        "{'source': 'main', 'backup': '" + ID + "', 'from': 'offsite', 'target': 'redis://localhost:6380'}",
        "{'source': 'main', 'backup': 'latest', 'target': 'rediss://:pw@cache.example:6380/2'}",
        "{'source': 'main', 'backups': ['" + ID + "', 'latest'], 'target': 'file:/tmp/merged.rdb'}",
        "{'source': 'main', 'backups': ['" + ID + "']}",
        "{'source': 'main', 'backup': 'latest', 'filter': {'dbs': [0, 3], 'keys': ['user:*', 'a?c'],"
            + " 'keyRegex': '^s[0-9]+$', 'types': ['hash', 'zset']}, 'remap': {'0': 5, '3': 3}}",
        "{'source': 'main', 'backup': 'latest', 'mode': 'skip-existing', 'dryRun': true}",
        "{'source': 'main', 'backup': 'latest', 'mode': 'flush-first', 'confirm': true}",
        "{'source': 'main', 'backup': 'latest', 'mode': 'replace', 'confirm': false, 'dryRun': false}",
        "{'source': 'main', 'backup': 'latest', 'from': null, 'target': null, 'filter': {}}",
        "{'source': 'main', 'backup': 'latest', 'verify': 'checksum'}",
        "{'source': 'main', 'backup': 'latest', 'verify': 'full', 'dryRun': true}"
    })
    void validRequestsPassBothTheParserAndTheSchema(String example) throws IOException {
        String json = example.replace('\'', '"');
        assertThat(validate(json)).as(json).isEmpty();
        RestoreRequest request = RestoreRequests.parse(json);
        assertThat(request.source()).isEqualTo("main");
        assertThat(RestoreRequests.parse(RestoreRequests.toJson(request))).isEqualTo(request);
    }

    /** Invalid requests, each with what the parser's message must name. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{'backup': 'latest'}|\"source\" is required",
        "{'source': 'main'}|\"backup\" is required",
        "{'source': '../etc', 'backup': 'latest'}|is not a source name",
        "{'source': 'main', 'backup': '../../etc/passwd'}|does not have the form",
        "{'source': 'main', 'backup': '" + ID + "/../x'}|does not have the form",
        "{'source': 'main', 'backup': 'newest'}|does not have the form",
        "{'source': 'main', 'backup': 'latest', 'backups': ['latest']}|not both",
        "{'source': 'main', 'backups': ['" + ID + "', 'latest']}|only allowed with a file: target",
        "{'source': 'main', 'backups': ['" + ID + "', 'latest'], 'target': 'redis://h:1'}|only allowed with a file: target",
        "{'source': 'main', 'backups': ['latest', 'latest'], 'target': 'file:/tmp/x.rdb'}|named twice",
        "{'source': 'main', 'backup': 'latest', 'target': 'http://example.com'}|must be redis://",
        "{'source': 'main', 'backup': 'latest', 'target': 'REDIS://h:1'}|must be redis://",
        "{'source': 'main', 'backup': 'latest', 'from': 'a/b'}|is not a destination name",
        "{'source': 'main', 'backup': 'latest', 'mode': 'flush-first'}|needs \"confirm\": true",
        "{'source': 'main', 'backup': 'latest', 'mode': 'flush-first', 'confirm': false}|needs \"confirm\": true",
        "{'source': 'main', 'backup': 'latest', 'mode': 'flush-first', 'confirm': true, 'target': 'file:/tmp/x.rdb'}|"
            + "applies to a server",
        "{'source': 'main', 'backup': 'latest', 'mode': 'overwrite'}|unknown mode",
        "{'source': 'main', 'backup': 'latest', 'filter': {'types': ['blob']}}|known types",
        "{'source': 'main', 'backup': 'latest', 'filter': {'dbs': [-1]}}|is not a database number",
        "{'source': 'main', 'backup': 'latest', 'filter': {'keys': ['']}}|empty pattern",
        "{'source': 'main', 'backup': 'latest', 'filter': {'db': [1]}}|unknown field \"db\"",
        "{'source': 'main', 'backup': 'latest', 'remap': {'zero': 1}}|not a valid restore request",
        "{'source': 'main', 'backup': 'latest', 'remap': {'0': -2}}|is not a database number",
        "{'source': 'main', 'backup': 'latest', 'dryRun': 'yes'}|not a valid restore request",
        "{'source': 'main', 'backup': 'latest', 'confirm': 1}|not a valid restore request",
        "{'source': 'main', 'backup': 'latest', 'verify': 'sha256'}|\"verify\" must be checksum",
        "{'source': 'main', 'backup': 'latest', 'verify': 'Checksum'}|\"verify\" must be checksum",
        "{'source': 'main', 'backup': 'latest', 'target': 'redis://h:1', 'force': true}|unknown field \"force\"",
        "{'source': 'main', 'backup': 'latest', 'source': 'other'}|Duplicate field",
        "[]|not a valid restore request"
    })
    void invalidRequestsFailBothTheParserAndTheSchema(String example) throws IOException {
        String[] parts = example.split("\\|", 2);
        String json = parts[0].replace('\'', '"');
        if (!json.contains("Duplicate") && !parts[1].equals("Duplicate field")) {
            assertThat(validate(json)).as(json).isNotEmpty();
        }
        assertThatThrownBy(() -> RestoreRequests.parse(json))
                .isInstanceOfSatisfying(RestoreRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_REQUEST))
                .hasMessageContaining(parts[1]);
    }

    @Test
    void malformedJsonSaysWhereItBroke() {
        assertThatThrownBy(() -> RestoreRequests.parse("{\"source\": \"main\", \"backup\": "))
                .isInstanceOfSatisfying(RestoreRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_REQUEST))
                .hasMessageContaining("not valid JSON").hasMessageContaining("line 1");
        assertThatThrownBy(() -> RestoreRequests.parse(""))
                .isInstanceOf(RestoreRefusedException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> RestoreRequests.parse("{\"source\": \"main\", \"backup\": \"latest\"} {}"))
                .isInstanceOf(RestoreRefusedException.class).hasMessageContaining("not valid");
    }

    @Test
    void anUnknownFieldIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> RestoreRequests.parse("{\"source\": \"main\", \"backup\": \"latest\", \"dry_run\": true}"))
                .hasMessageContaining("unknown field \"dry_run\"")
                .hasMessageContaining("dryRun")
                .hasMessageContaining("filter");
    }

    @Test
    void aBadTargetIsRefusedWithoutRepeatingItsPassword() {
        assertThatThrownBy(() -> RestoreRequests.parse(
                "{\"source\": \"main\", \"backup\": \"latest\", \"target\": \"redis://:s3cret@host:notaport\"}"))
                .isInstanceOf(RestoreRefusedException.class)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void caravanRestoreVerifyDecidesForARequestThatDoesNotSay() {
        RestoreRequest bare = RestoreRequests.parse("{\"source\": \"main\", \"backup\": \"latest\"}");
        RestoreRequest full = RestoreRequests.parse("{\"source\": \"main\", \"backup\": \"latest\", \"verify\": \"full\"}");
        RestoreRequest checksum = RestoreRequests.parse(
                "{\"source\": \"main\", \"backup\": \"latest\", \"verify\": \"checksum\"}");
        CaravanConfig embedded = config(Map.of());
        assertThat(embedded.restore().verify()).isEqualTo(CaravanConfig.Verify.CHECKSUM);
        assertThat(RestorePlanner.checksumOnly(bare, embedded)).isTrue();
        assertThat(RestorePlanner.checksumOnly(full, embedded)).isFalse();
        CaravanConfig fullByDefault = config(Map.of("caravan.restore.verify", "full"));
        assertThat(RestorePlanner.checksumOnly(bare, fullByDefault)).isFalse();
        assertThat(RestorePlanner.checksumOnly(checksum, fullByDefault)).isTrue();
        assertThatThrownBy(() -> config(Map.of("caravan.restore.verify", "crc")))
                .as("a misspelt policy fails at start-up instead of falling back")
                .hasMessageContaining("caravan.restore.verify").hasMessageContaining("crc");
    }

    private static CaravanConfig config(Map<String, String> more) {
        Map<String, String> properties = new java.util.HashMap<>(Map.of("caravan.sources.main.uri", "redis://h:6379",
                "caravan.destinations.local.type", "local", "caravan.destinations.local.path", "./backups"));
        properties.putAll(more);
        return new SmallRyeConfigBuilder().withMapping(CaravanConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build().getConfigMapping(CaravanConfig.class);
    }

    @Test
    void readsEveryFieldAndItsDefaults() {
        RestoreRequest full = RestoreRequests.parse(new ByteArrayInputStream(("{\"source\": \"main\", \"backup\": \""
                + ID + "\", \"from\": \"local\", \"target\": \"redis://h:6390\", \"filter\": {\"dbs\": [1],"
                + " \"keys\": [\"a*\"], \"keyRegex\": \"x$\", \"types\": [\"set\"]}, \"remap\": {\"1\": 4},"
                + " \"mode\": \"skip-existing\", \"dryRun\": true, \"verify\": \"checksum\"}")
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(full.checksumOnly(false)).as("asked for, whatever the configured default").isTrue();
        assertThat(full.backupList()).containsExactly(ID);
        assertThat(full.from()).isEqualTo("local");
        assertThat(full.effectiveMode()).isEqualTo(RestoreMode.SKIP_EXISTING);
        assertThat(full.dryRunRequested()).isTrue();
        assertThat(full.remap()).isEqualTo(Map.of(1, 4));
        assertThat(full.effectiveFilter()).isEqualTo(new RestoreRequest.Filter(List.of(1), List.of("a*"), "x$",
                List.of("set")));
        RestoreFilter filter = RestorePlanner.filterOf(full);
        assertThat(filter.targetDb(1)).isEqualTo(4);
        assertThat(filter.includesDb(0)).isFalse();

        RestoreRequest bare = RestoreRequests.parse("{\"source\": \"main\", \"backup\": \"latest\"}");
        assertThat(bare.effectiveMode()).isEqualTo(RestoreMode.REPLACE);
        assertThat(bare.dryRunRequested()).isFalse();
        assertThat(bare.checksumOnly(true)).as("caravan.restore.verify decides when the request does not").isTrue();
        assertThat(bare.checksumOnly(false)).isFalse();
        assertThat(RestoreRequests.parse("{\"source\": \"main\", \"backup\": \"latest\", \"verify\": \"full\"}")
                .checksumOnly(true)).as("a full check asked for, whatever the configured default").isFalse();
        assertThat(bare.effectiveFilter().keepsAll()).isTrue();
        assertThat(RestorePlanner.filterOf(bare).takesEverything()).isTrue();
    }

    @Test
    void targetsAreKeyedByHostAndPortOrByFile() {
        assertThat(RestoreTarget.parse("redis://:pw@LocalHost:6390/3").key()).isEqualTo("localhost:6390");
        assertThat(RestoreTarget.parse("redis://:pw@localhost:6390").toString()).doesNotContain("pw");
        assertThat(RestoreTarget.parse("file:/tmp/a/../b.rdb").key()).isEqualTo("/tmp/b.rdb");
        assertThat(RestoreTarget.parse("file:///tmp/b.rdb").key()).isEqualTo("/tmp/b.rdb");
    }
}
