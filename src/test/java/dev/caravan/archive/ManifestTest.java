package dev.caravan.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ManifestTest {

    private static final BackupId ID = BackupId.parse("20261124T083000Z-7f3a");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = ManifestTest.class.getResourceAsStream("/schema/caravan-backup-1.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        }
    }

    private static Set<ValidationMessage> validate(byte[] json) throws IOException {
        return schema.validate(JSON.readTree(json));
    }

    @Test
    void syncAndScanManifestsRoundTripAndMatchTheSchema() throws IOException {
        for (Manifest manifest : List.of(Manifests.sync(ID, "redis://localhost:6379/0"), Manifests.scan(ID))) {
            byte[] json = ManifestWriter.toBytes(manifest);
            assertThat(validate(json)).as(new String(json, StandardCharsets.UTF_8)).isEmpty();
            assertThat(ManifestReader.read(json)).isEqualTo(manifest);
        }
    }

    @Test
    void writesTheDocumentedShape() throws IOException {
        JsonNode json = JSON.readTree(ManifestWriter.toBytes(Manifests.scan(ID)));
        assertThat(json.get("format").asText()).isEqualTo("caravan-backup/1");
        assertThat(json.get("id").asText()).isEqualTo("20261124T083000Z-7f3a");
        assertThat(json.get("mode").asText()).isEqualTo("scan");
        assertThat(json.get("pointInTime").asBoolean()).isFalse();
        assertThat(json.get("replication").isNull()).isTrue();
        assertThat(json.get("startedAt").asText()).isEqualTo("2026-11-24T09:00:00Z");
        JsonNode file = json.get("files").get(0);
        assertThat(file.get("file").asText()).isEqualTo("node.rdb");
        assertThat(file.get("crc64").asText()).isEqualTo("c0ffee00deadbeef");
        assertThat(file.get("largestKeys").get(0).get("name").asText()).isEqualTo("big\\x00key\\x0a\\\"q\\\"");
        assertThat(file.get("databases").get(0).get("keysByType").get("hash").asLong()).isEqualTo(1);
    }

    @Test
    void neverHoldsThePassword() throws IOException {
        String[] uris = {
                "redis://admin:s3cr3t-Pa55@redis.example:6379/0",
                "rediss://:s3cr3t-Pa55@redis.example:6380",
                "redis://s3cr3t-Pa55@redis.example",
                "redis://user:s3cr3t@Pa55@host:6379",
                "redis-sentinel://host:26379/0?sentinelPassword=s3cr3t-Pa55&password=s3cr3t-Pa55#mymaster"};
        for (String uri : uris) {
            byte[] json = ManifestWriter.toBytes(Manifests.sync(ID, uri));
            String text = new String(json, StandardCharsets.UTF_8);
            assertThat(text).as(uri).doesNotContain("s3cr3t").doesNotContain("Pa55").contains(Redaction.MASK);
            assertThat(validate(json)).isEmpty();
        }
        assertThat(Redaction.redactUri("redis://admin:pw@h:6379/0")).isEqualTo("redis://admin:***@h:6379/0");
        assertThat(Redaction.redactUri("redis://admin:***@h")).isEqualTo("redis://admin:***@h");
        assertThat(Redaction.redactUri("redis://h:6379/0")).isEqualTo("redis://h:6379/0");
    }

    @Test
    void schemaRefusesAPasswordThatSlippedIn() throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(ManifestWriter.toBytes(Manifests.sync(ID, "redis://u:p@h")));
        ((ObjectNode) json.get("source")).put("uri", "redis://u:leaked@h");
        assertThat(schema.validate(json)).isNotEmpty();
    }

    @Test
    void refusesUnknownFields() throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(ManifestWriter.toBytes(Manifests.scan(ID)));
        json.put("comment", "hello");
        assertThatThrownBy(() -> ManifestReader.read(JSON.writeValueAsBytes(json)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("comment");
        assertThat(schema.validate(json)).isNotEmpty();

        ObjectNode nested = (ObjectNode) JSON.readTree(ManifestWriter.toBytes(Manifests.scan(ID)));
        ((ObjectNode) nested.get("files").get(0)).put("extra", 1);
        assertThatThrownBy(() -> ManifestReader.read(JSON.writeValueAsBytes(nested)))
                .hasMessageContaining("extra");
    }

    @Test
    void refusesOtherFormatsMissingFieldsAndInconsistentValues() throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(ManifestWriter.toBytes(Manifests.scan(ID)));
        assertRefused(json.deepCopy().put("format", "caravan-backup/2"), "manifest format is \"caravan-backup/2\"");
        ObjectNode noFormat = json.deepCopy();
        noFormat.remove("format");
        assertRefused(noFormat, "manifest format is missing");
        ObjectNode missing = json.deepCopy();
        missing.remove("finishedAt");
        assertRefused(missing, "finishedAt");
        assertRefused(json.deepCopy().put("pointInTime", true), "pointInTime must be false in scan mode");
        assertRefused(json.deepCopy().put("id", "../etc"), "does not have the form");
        assertRefused(json.deepCopy().put("mode", "dump"), "neither sync nor scan");
        ObjectNode badSha = json.deepCopy();
        ((ObjectNode) badSha.get("files").get(0)).put("sha256", "abc");
        assertRefused(badSha, "sha256 'abc' is not 64 lower-case hex digits");
        ObjectNode badFile = json.deepCopy();
        ((ObjectNode) badFile.get("files").get(0)).put("file", "../node.rdb");
        assertRefused(badFile, "should be named 'node.rdb'");
        assertThatThrownBy(() -> ManifestReader.read("{\"format\":\"caravan-backup/1\"".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("manifest is not JSON");
    }

    private static void assertRefused(ObjectNode json, String reason) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(json);
        assertThatThrownBy(() -> ManifestReader.read(bytes)).isInstanceOf(IOException.class).hasMessageContaining(reason);
        assertThat(schema.validate(json)).as(reason).isNotEmpty();
    }

    @Test
    void modelRefusesAnUnescapedKeyName() {
        assertThatThrownBy(() -> new ManifestFile.LargestKey(0, "a\nb", "string", 1))
                .hasMessageContaining("not escaped");
    }
}
