package dev.caravan.archive;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.spi.DataFormatName;
import org.apache.camel.support.builder.OutputStreamBuilder;
import org.apache.camel.support.service.ServiceSupport;

/**
 * A {@link Codec} as a Camel data format, named {@code caravan-<codec>} (e.g.
 * {@code caravan-zstd}) so that a route can marshal or unmarshal with it by that name once it is
 * bound in the registry ({@link #bindAll}). Marshalling streams into Camel's output.
 * Unmarshalling writes through Camel's {@link OutputStreamBuilder}, as Camel's own data formats
 * do, because Camel closes the input stream when unmarshal returns; so a large snapshot stays
 * off the heap only with stream caching spooled to disk (Camel 4 does not spool by default:
 * {@code camel.main.stream-caching-spool-enabled=true}). The backup and
 * restore pipelines use {@link Codec} directly for their one pass.
 */
public final class CodecDataFormat extends ServiceSupport implements DataFormat, DataFormatName {

    /** Prefix of the data format names, apart from Camel's own {@code zipFile}, {@code gzipDeflater}, ... */
    public static final String NAME_PREFIX = "caravan-";
    private static final String DEFAULT_ENTRY = "snapshot.rdb";

    private final Codec codec;

    public CodecDataFormat(Codec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * Binds one data format per codec in {@code camel}'s registry under its name, so that routes
     * can {@code marshal}/{@code unmarshal} with {@code custom: caravan-zstd} and the like.
     */
    public static void bindAll(CamelContext camel, Codecs codecs) {
        for (String name : codecs.names()) {
            CodecDataFormat format = new CodecDataFormat(codecs.byName(name));
            camel.getRegistry().bind(format.getDataFormatName(), format);
        }
    }

    @Override
    public String getDataFormatName() {
        return NAME_PREFIX + codec.name();
    }

    /** Compresses the body; the zip entry is named after the {@code CamelFileName} header's file name. */
    @Override
    public void marshal(Exchange exchange, Object graph, OutputStream stream) throws Exception {
        InputStream body = exchange.getContext().getTypeConverter().mandatoryConvertTo(InputStream.class, exchange, graph);
        try (body; OutputStream compressor = codec.compress(new UnclosedOutputStream(stream), entryName(exchange))) {
            body.transferTo(compressor);
        }
    }

    @Override
    public Object unmarshal(Exchange exchange, InputStream stream) throws Exception {
        try (OutputStreamBuilder out = OutputStreamBuilder.withExchange(exchange);
                InputStream plain = codec.decompress(stream)) {
            plain.transferTo(out);
            return out.build();
        }
    }

    private static String entryName(Exchange exchange) {
        String header = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        if (header == null || header.isBlank()) {
            return DEFAULT_ENTRY;
        }
        Path fileName = Path.of(header).getFileName();
        return fileName == null ? DEFAULT_ENTRY : fileName.toString();
    }

    /** Lets a codec finish its format without closing Camel's stream, which Camel owns. */
    private static final class UnclosedOutputStream extends FilterOutputStream {
        UnclosedOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
