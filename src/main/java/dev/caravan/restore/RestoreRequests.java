package dev.caravan.restore;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

import dev.caravan.archive.BackupId;
import dev.caravan.filter.KeyGlob;
import dev.caravan.redis.RedisUri;
import dev.caravan.restore.RestoreRefusedException.Reason;

/**
 * Reads and checks restore requests. JSON is read strictly (unknown and duplicate fields,
 * trailing content and type coercion are errors); every error is a
 * {@link RestoreRefusedException} with {@link Reason#INVALID_REQUEST} whose message names the
 * field and says what is accepted. What needs the configuration (does the source exist, is the
 * target reachable) is checked later, by the restore itself.
 */
public final class RestoreRequests {

    /** Redis's own limit on databases is configurable; this is far above any real setting. */
    public static final int MAX_DB = 1_000_000;

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /**
     * The strict mapper, made when JSON is first read or written: a CLI restore checks a request
     * it built itself, and making the mapper took 0.13 s of its start (async-profiler, wall clock).
     */
    private static final class Json {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .addModule(new SimpleModule("restore-mode")
                        .addDeserializer(RestoreMode.class, new ModeDeserializer())
                        .addSerializer(RestoreMode.class, new ModeSerializer()))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfigDefaults(config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .build();
    }

    private RestoreRequests() {
    }

    /** Reads and checks a request; the stream is read to its end but not closed. */
    public static RestoreRequest parse(InputStream json) {
        try {
            return parse(json.readAllBytes());
        } catch (IOException e) {
            throw invalid("the request could not be read: " + e.getMessage());
        }
    }

    public static RestoreRequest parse(String json) {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static RestoreRequest parse(byte[] json) {
        if (new String(json, StandardCharsets.UTF_8).isBlank()) {
            throw invalid("the request is empty; send a JSON object with at least \"source\" and \"backup\"");
        }
        RestoreRequest request;
        try {
            request = Json.MAPPER.readValue(json, RestoreRequest.class);
        } catch (UnrecognizedPropertyException e) {
            throw invalid("unknown field \"" + e.getPropertyName() + "\"" + where(e) + "; known fields: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")));
        } catch (JsonMappingException e) {
            if (e.getOriginalMessage().startsWith("Trailing token")) {
                throw invalid("the request is not valid: there is more after its JSON object; send exactly one object");
            }
            throw invalid("the request is not a valid restore request: " + e.getOriginalMessage() + where(e));
        } catch (JsonProcessingException e) {
            throw invalid("the request is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw invalid("the request could not be read: " + e.getMessage());
        }
        if (request == null) {
            throw invalid("the request is empty; send a JSON object with at least \"source\" and \"backup\"");
        }
        return check(request);
    }

    /** The request as JSON, as {@link #parse} reads it. */
    public static String toJson(RestoreRequest request) {
        try {
            return Json.MAPPER.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks what can be checked without configuration: required fields, id shapes, the target's
     * form, filters, remapping, and that flush-first is confirmed.
     *
     * @return {@code request}
     * @throws RestoreRefusedException with {@link Reason#INVALID_REQUEST}, saying what is wrong
     */
    public static RestoreRequest check(RestoreRequest request) {
        if (request.source() == null || request.source().isBlank()) {
            throw invalid("\"source\" is required: the configured source name whose backups these are");
        }
        if (!SAFE_NAME.matcher(request.source()).matches()) {
            throw invalid("\"source\" " + quote(request.source()) + " is not a source name (letters, digits, '.', '_', '-')");
        }
        if (request.from() != null && !SAFE_NAME.matcher(request.from()).matches()) {
            throw invalid("\"from\" " + quote(request.from()) + " is not a destination name (letters, digits, '.', '_', '-')");
        }
        checkBackups(request);
        boolean fileTarget = request.target() != null && request.target().startsWith(RestoreTarget.FILE_SCHEME);
        if (request.target() != null) {
            RestoreTarget.parse(request.target());
        }
        if (request.backups() != null && request.backups().size() > 1 && !fileTarget) {
            throw invalid("\"backups\" merges several backups and is only allowed with a file: target;"
                    + " a server is restored from one backup");
        }
        checkFilter(request.effectiveFilter());
        if (request.remap() != null) {
            for (Map.Entry<Integer, Integer> entry : request.remap().entrySet()) {
                checkDb("\"remap\" key", entry.getKey());
                if (entry.getValue() == null) {
                    throw invalid("\"remap\" of db " + entry.getKey() + " is null; give the target db number");
                }
                checkDb("\"remap\" value", entry.getValue());
            }
        }
        if (request.effectiveMode() == RestoreMode.FLUSH_FIRST && !request.confirmed()) {
            throw invalid("mode flush-first deletes the target's data first and needs \"confirm\": true");
        }
        if (request.effectiveMode() == RestoreMode.FLUSH_FIRST && fileTarget) {
            throw invalid("mode flush-first applies to a server; a file: target is always written anew");
        }
        if (request.verify() != null && !RestoreRequest.VERIFY_FULL.equals(request.verify())
                && !RestoreRequest.VERIFY_CHECKSUM.equals(request.verify())) {
            throw invalid("\"verify\" must be checksum (size and SHA-256 against the manifest) or full (a full parse"
                    + " besides), or absent for caravan.restore.verify; not " + quote(request.verify()));
        }
        return request;
    }

    private static void checkBackups(RestoreRequest request) {
        if (request.backup() != null && request.backups() != null) {
            throw invalid("give either \"backup\" (one id or latest) or \"backups\" (a list to merge), not both");
        }
        List<String> ids = request.backupList();
        if (ids.isEmpty()) {
            throw invalid("\"backup\" is required: a backup id such as 20261124T083000Z-7f3a, or latest");
        }
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (id == null) {
                throw invalid("a backup id is null; give an id such as 20261124T083000Z-7f3a, or latest");
            }
            if (!RestoreRequest.LATEST.equals(id)) {
                try {
                    BackupId.parse(id);
                } catch (IllegalArgumentException e) {
                    throw invalid(e.getMessage() + ", or latest");
                }
            }
            if (!seen.add(id)) {
                throw invalid("backup " + quote(id) + " is named twice");
            }
        }
    }

    private static void checkFilter(RestoreRequest.Filter filter) {
        if (filter.dbs() != null) {
            for (Integer db : filter.dbs()) {
                checkDb("\"filter.dbs\" entry", db);
            }
        }
        if (filter.keys() != null) {
            for (String glob : filter.keys()) {
                if (glob == null || glob.isEmpty()) {
                    throw invalid("\"filter.keys\" has an empty pattern; give a glob such as user:*");
                }
                try {
                    KeyGlob.of(glob);
                } catch (IllegalArgumentException e) {
                    throw invalid("\"filter.keys\" pattern " + quote(glob) + ": " + e.getMessage());
                }
            }
        }
        if (filter.keyRegex() != null) {
            try {
                Pattern.compile(filter.keyRegex());
            } catch (PatternSyntaxException e) {
                throw invalid("\"filter.keyRegex\" is not a regular expression: " + e.getDescription()
                        + " near index " + e.getIndex());
            }
        }
        if (filter.types() != null) {
            for (String type : filter.types()) {
                if (!RestoreFilter.TYPES.contains(type)) {
                    throw invalid("\"filter.types\" has " + quote(type) + "; known types: "
                            + String.join(", ", new TreeSet<>(RestoreFilter.TYPES)));
                }
            }
        }
    }

    private static void checkDb(String what, Integer db) {
        if (db == null || db < 0 || db > MAX_DB) {
            throw invalid(what + " " + db + " is not a database number (0 or more)");
        }
    }

    private static String where(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "" : " (at " + path + ")";
    }

    static String quote(String text) {
        return text == null ? "null" : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static RestoreRefusedException invalid(String message) {
        return new RestoreRefusedException(Reason.INVALID_REQUEST, message);
    }

    private static final class ModeDeserializer extends JsonDeserializer<RestoreMode> {
        @Override
        public RestoreMode deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.currentToken().isScalarValue() || parser.currentToken().isNumeric()) {
                throw JsonMappingException.from(parser, "\"mode\" must be replace, skip-existing or flush-first");
            }
            try {
                return RestoreMode.of(parser.getText());
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(parser, e.getMessage());
            }
        }
    }

    private static final class ModeSerializer extends JsonSerializer<RestoreMode> {
        @Override
        public void serialize(RestoreMode mode, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(mode.id());
        }
    }
}
