package dev.caravan.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * {@code docker/compose.yaml} as data, read with the YAML parser the application already carries
 * (no Docker engine runs here), with what the tests check it against: the configuration keys that
 * {@code config/README.md} documents and the variables {@code docker/.env.example} provides.
 */
final class ComposeFile {

    static final Path COMPOSE = Path.of("docker", "compose.yaml");
    static final Path ENV_EXAMPLE = Path.of("docker", ".env.example");
    static final Path CONFIG_README = Path.of("config", "README.md");

    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:[:?\\-][^}]*)?}");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| (.+?) \\|", Pattern.MULTILINE);
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    final Map<String, Object> root;

    private ComposeFile(Map<String, Object> root) {
        this.root = root;
    }

    @SuppressWarnings("unchecked")
    static ComposeFile read() {
        Object doc = new Load(LoadSettings.builder().build()).loadFromString(text(COMPOSE));
        return new ComposeFile((Map<String, Object>) doc);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(Object parent, String key) {
        Object child = ((Map<String, Object>) parent).get(key);
        if (!(child instanceof Map)) {
            throw new AssertionError(key + " is not a mapping in " + COMPOSE + ": " + child);
        }
        return (Map<String, Object>) child;
    }

    Map<String, Object> service(String name) {
        return map(map(root, "services"), name);
    }

    /** A service's {@code environment}, in either of compose's two forms, values as written. */
    @SuppressWarnings("unchecked")
    Map<String, String> environment(String service) {
        Object env = service(service).get("environment");
        Map<String, String> vars = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> m) {
            m.forEach((k, v) -> vars.put(k.toString(), v == null ? null : v.toString()));
        } else if (env instanceof List<?> l) {
            for (Object item : l) {
                String[] kv = item.toString().split("=", 2);
                vars.put(kv[0], kv.length > 1 ? kv[1] : null);
            }
        }
        return vars;
    }

    /** The names of the variables that {@code ${NAME}}, {@code ${NAME:?...}} and friends read. */
    static List<String> interpolated(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = INTERPOLATION.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Substitutes compose's {@code ${NAME...}} forms from {@code values}. */
    static String interpolate(String text, Map<String, String> values) {
        Matcher m = INTERPOLATION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new AssertionError("no value for ${" + m.group(1) + "} in " + text);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    /** {@code docker/.env.example} as variables. */
    static Map<String, String> envExample() {
        Map<String, String> vars = new TreeMap<>();
        for (String line : text(ENV_EXAMPLE).lines().toList()) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] kv = line.split("=", 2);
                vars.put(kv[0].trim(), kv.length > 1 ? kv[1].trim() : "");
            }
        }
        return vars;
    }

    /**
     * Every key in the first column of {@code config/README.md}'s table, spelt out: a cell such as
     * {@code `caravan.x.<name>.a`, `.b`} documents {@code caravan.x.<name>.a} and {@code caravan.x.<name>.b}.
     */
    static List<String> documentedKeys() {
        List<String> keys = new ArrayList<>();
        Matcher row = TABLE_ROW.matcher(text(CONFIG_README));
        while (row.find()) {
            Matcher code = CODE.matcher(row.group(1));
            String first = null;
            while (code.find()) {
                String key = code.group(1);
                if (first == null && key.startsWith("caravan.")) {
                    first = key;
                    keys.add(key);
                } else if (first != null && key.startsWith(".")) {
                    keys.add(first.substring(0, first.lastIndexOf('.')) + key);
                }
            }
        }
        return keys;
    }

    /**
     * The documented key an environment variable sets, as SmallRye Config reads it (upper case,
     * {@code _} for {@code .} and {@code -}), with each {@code <name>} of a map a single word (an
     * underscore in a name could not be told from a separator); {@code null} when none.
     */
    static String keyOf(String envName, List<String> documented) {
        for (String key : documented) {
            String regex = Pattern.quote(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'))
                    .replace("<NAME>", "\\E([A-Z0-9]+)\\Q");
            Matcher m = Pattern.compile(regex).matcher(envName);
            if (m.matches()) {
                String resolved = key;
                for (int g = 1; g <= m.groupCount(); g++) {
                    resolved = resolved.replaceFirst("<name>", m.group(g).toLowerCase(java.util.Locale.ROOT));
                }
                return resolved;
            }
        }
        return null;
    }

    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
