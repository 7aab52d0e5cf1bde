package dev.caravan.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads {@code manifest.json} strictly: the format string first (so a newer format is refused
 * as such, not as an unknown field), then every field and value.
 */
public final class ManifestReader {

    private ManifestReader() {
    }

    /** @throws IOException saying what is wrong, for any manifest this version cannot trust */
    public static Manifest read(InputStream in) throws IOException {
        return read(in.readAllBytes());
    }

    public static Manifest read(byte[] json) throws IOException {
        JsonNode tree;
        try {
            tree = ManifestJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IOException("manifest is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode format = tree == null ? null : tree.get("format");
        if (format == null || !format.isTextual() || !Manifest.FORMAT.equals(format.textValue())) {
            throw new IOException("manifest format is " + (format == null ? "missing" : format.toString())
                    + "; this version reads " + Manifest.FORMAT);
        }
        try {
            return ManifestJson.MAPPER.treeToValue(tree, Manifest.class);
        } catch (JsonMappingException e) {
            // The model's own checks say best what is wrong; Jackson's message says it for the rest.
            Throwable cause = e.getCause();
            String what = cause instanceof IllegalArgumentException || cause instanceof NullPointerException
                    ? cause.getMessage() : e.getOriginalMessage();
            throw new IOException("manifest is not a valid " + Manifest.FORMAT + " manifest: " + what
                    + " (at " + e.getPathReference() + ")", e);
        } catch (JsonProcessingException e) {
            throw new IOException("manifest is not a valid " + Manifest.FORMAT + " manifest: " + e.getOriginalMessage(), e);
        }
    }
}
