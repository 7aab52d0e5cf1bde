package dev.caravan.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/**
 * {@code caravan.destinations.<name>.s3.*}: a bucket of AWS S3 or of an S3-compatible store.
 * Without {@code access-key}/{@code secret-key} the AWS default credentials chain is used
 * (environment, profile, instance or pod role), so no secret needs to be in a file.
 */
public interface S3Destination {

    String bucket();

    /** e.g. {@code eu-west-1}; without it the AWS default region chain decides. */
    Optional<String> region();

    /** An S3-compatible store's URL (MinIO, Ceph, S3Proxy); AWS itself needs none. */
    Optional<URI> endpoint();

    /** {@code http://host/bucket/key} instead of {@code http://bucket.host/key}: most S3-compatible stores want it. */
    @WithDefault("false")
    boolean pathStyle();

    Optional<String> accessKey();

    Optional<String> secretKey();

    /** e.g. {@code STANDARD_IA}, {@code GLACIER_IR}; the bucket's default without it. */
    Optional<String> storageClass();

    @WithDefault("none")
    Encryption serverSideEncryption();

    /** The KMS key for {@code server-side-encryption=kms}; the account's default S3 key without it. */
    Optional<String> kmsKeyId();

    /** Archives at least this large go up in parts of this size; S3 needs at least 5 MiB. */
    @WithDefault("64M")
    MemorySize partSize();

    enum Encryption {
        NONE, S3, KMS
    }
}
