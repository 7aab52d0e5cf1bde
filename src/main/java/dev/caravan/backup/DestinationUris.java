package dev.caravan.backup;

import java.util.ArrayList;
import java.util.List;

import dev.caravan.config.S3Destination;
import dev.caravan.config.SftpDestination;

/**
 * Builds a destination's Camel endpoint URI from its typed configuration, so that every option
 * comes from {@code caravan.destinations.<name>.*}. Secrets are passed as {@code RAW(...)} so no
 * character of theirs is read as URI syntax; Camel masks these options when it shows a URI.
 */
public final class DestinationUris {

    private DestinationUris() {
    }

    /**
     * {@code aws2-s3://<bucket>?...}: multipart upload from the part size on (each part streamed
     * from the staged file); the default credentials chain unless keys are configured.
     */
    public static String s3(S3Destination s3) {
        List<String> options = new ArrayList<>();
        options.add("autoCreateBucket=false");
        options.add("multiPartUpload=true");
        options.add("partSize=" + s3.partSize().asLongValue());
        s3.region().ifPresent(region -> options.add("region=" + region));
        s3.endpoint().ifPresent(endpoint -> {
            options.add("overrideEndpoint=true");
            options.add("uriEndpointOverride=" + raw(endpoint.toString()));
        });
        if (s3.pathStyle()) {
            options.add("forcePathStyle=true");
        }
        if (s3.accessKey().isPresent() && s3.secretKey().isPresent()) {
            options.add("accessKey=" + raw(s3.accessKey().get()));
            options.add("secretKey=" + raw(s3.secretKey().get()));
        } else if (s3.accessKey().isPresent() || s3.secretKey().isPresent()) {
            throw new IllegalArgumentException("an S3 destination needs both access-key and secret-key, or neither"
                    + " (the default credentials chain)");
        } else {
            options.add("useDefaultCredentialsProvider=true");
        }
        s3.storageClass().ifPresent(storageClass -> options.add("storageClass=" + storageClass));
        switch (s3.serverSideEncryption()) {
            case S3 -> options.add("useSSES3=true");
            case KMS -> {
                options.add("useAwsKMS=true");
                s3.kmsKeyId().ifPresent(key -> options.add("awsKMSKeyId=" + raw(key)));
            }
            case NONE -> {
            }
        }
        return "aws2-s3://" + s3.bucket() + "?" + String.join("&", options);
    }

    /**
     * {@code sftp://<host>:<port>/<directory>?...}: each file written as {@code <name>.part} and
     * renamed once complete, folders created, the host key checked against known_hosts. Camel's
     * own reconnect attempts are off: the route's retries are the ones counted.
     */
    public static String sftp(SftpDestination sftp) {
        List<String> options = new ArrayList<>();
        options.add("username=" + raw(sftp.username()));
        sftp.password().ifPresent(password -> options.add("password=" + raw(password)));
        sftp.privateKeyFile().ifPresent(key -> options.add("privateKeyFile=" + raw(key.toString())));
        sftp.privateKeyPassphrase().ifPresent(passphrase -> options.add("privateKeyPassphrase=" + raw(passphrase)));
        if (sftp.password().isEmpty() && sftp.privateKeyFile().isEmpty()) {
            throw new IllegalArgumentException("an SFTP destination needs a password or a private-key-file");
        }
        sftp.knownHostsFile().ifPresent(file -> {
            options.add("knownHostsFile=" + raw(file.toString()));
            options.add("useUserKnownHostsFile=false");
        });
        options.add("strictHostKeyChecking=" + (sftp.strictHostKeyChecking() ? "yes" : "no"));
        options.add("binary=true");
        options.add("autoCreate=true");
        options.add("fileExist=Override");
        options.add("tempFileName=" + raw("${file:onlyname}.part"));
        options.add("disconnect=true");
        options.add("maximumReconnectAttempts=0");
        String directory = sftp.directory().equals(".") ? "" : "/" + sftp.directory();
        return "sftp://" + sftp.host() + ":" + sftp.port() + directory + "?" + String.join("&", options);
    }

    private static String raw(String value) {
        return "RAW(" + value + ")";
    }
}
