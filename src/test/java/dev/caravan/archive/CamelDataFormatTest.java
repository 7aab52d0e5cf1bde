package dev.caravan.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.dataformat.zipfile.ZipFileDataFormat;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The codecs inside Camel: by name in a route, and our zip against Camel's Zip file data format. */
class CamelDataFormatTest {

    private static final byte[] DATA = TestData.mixed(2 * 1024 * 1024 + 3, 9);
    private static final Codecs CODECS = Codecs.standard();
    private static CamelContext camel;

    @BeforeAll
    static void startCamel() throws Exception {
        camel = new DefaultCamelContext();
        CodecDataFormat.bindAll(camel, CODECS);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (String name : CODECS.names()) {
                    from("direct:marshal-" + name).marshal().custom(CodecDataFormat.NAME_PREFIX + name);
                    from("direct:unmarshal-" + name).unmarshal().custom(CodecDataFormat.NAME_PREFIX + name);
                }
            }
        });
        camel.start();
    }

    @AfterAll
    static void stopCamel() {
        camel.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "gzip", "zip", "none"})
    void routesMarshalAndUnmarshalByName(String name) throws Exception {
        ProducerTemplate producer = camel.createProducerTemplate();
        byte[] compressed = producer.requestBodyAndHeader("direct:marshal-" + name, new ByteArrayInputStream(DATA),
                Exchange.FILE_NAME, "shard-0.rdb", byte[].class);
        assertThat(CodecTest.decompress(CODECS.byName(name), compressed)).isEqualTo(DATA);
        byte[] plain = producer.requestBody("direct:unmarshal-" + name,
                new ByteArrayInputStream(CodecTest.compress(CODECS.byName(name), DATA)), byte[].class);
        assertThat(plain).isEqualTo(DATA);
    }

    @Test
    void camelZipFileUnmarshalReadsOurZip() throws Exception {
        byte[] ours = CodecTest.compress(CODECS.byName("zip"), DATA);
        Exchange exchange = new DefaultExchange(camel);
        ZipFileDataFormat camelZip = new ZipFileDataFormat();
        Object result = camelZip.unmarshal(exchange, new ByteArrayInputStream(ours));
        byte[] plain = camel.getTypeConverter().mandatoryConvertTo(byte[].class, exchange, result);
        assertThat(plain).isEqualTo(DATA);
        assertThat(exchange.getMessage().getHeader(Exchange.FILE_NAME)).isEqualTo("shard-0.rdb");
    }

    @Test
    void ourZipReadsCamelZipFileMarshal() throws Exception {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setHeaders(Map.of(Exchange.FILE_NAME, "shard-0.rdb", Exchange.FILE_LENGTH, (long) DATA.length));
        ByteArrayOutputStream theirs = new ByteArrayOutputStream();
        new ZipFileDataFormat().marshal(exchange, new ByteArrayInputStream(DATA), theirs);
        try (InputStream in = CODECS.byName("zip").decompress(new ByteArrayInputStream(theirs.toByteArray()))) {
            assertThat(in.readAllBytes()).isEqualTo(DATA);
        }
    }
}
