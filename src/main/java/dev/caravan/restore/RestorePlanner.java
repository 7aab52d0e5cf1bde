package dev.caravan.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

import dev.caravan.archive.Codec;
import dev.caravan.archive.Codecs;
import dev.caravan.config.CaravanConfig;
import dev.caravan.redis.PullOptions;
import dev.caravan.restore.RestoreRefusedException.Reason;

/**
 * The first steps of a restore: the request checked, the job taken from the exchange (or made),
 * the target resolved (the request's, else the source's URI, else
 * {@code caravan.restore.default-target}), a staging folder of the job's own that goes when the
 * exchange completes; then, with the target held by {@link RestoreGuard}, the target probed, so an
 * unreachable server or a wrong password fails before anything is fetched.
 */
@ApplicationScoped
@Named("restorePlanner")
public class RestorePlanner {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final CaravanConfig config;

    public RestorePlanner(CaravanConfig config) {
        this.config = config;
    }

    /** The route's first step for a request. */
    public RestorePlan plan(RestoreRequest request, Exchange exchange) {
        RestoreJob job = job(exchange);
        RestoreRequests.check(request);
        if (request.from() != null && !config.destinations().containsKey(request.from())) {
            throw new RestoreRefusedException(Reason.NOT_FOUND, "no destination '" + request.from()
                    + "' is configured; configured destinations: " + String.join(", ",
                            new java.util.TreeSet<>(config.destinations().keySet())));
        }
        RestoreTarget target = RestoreTarget.parse(targetOf(request));
        return cleanedUp(new RestorePlan(request, job, target, filterOf(request), staging(job),
                checksumOnly(request, config)), exchange);
    }

    /**
     * The route's first step for an archive dropped into the inbox: the target from the header
     * {@value #TARGET_HEADER} or {@code caravan.restore.default-target}, mode replace, every key.
     */
    public RestorePlan planFile(Path archive, Exchange exchange) {
        RestoreJob job = job(exchange);
        String targetText = Optional.ofNullable(exchange.getIn().getHeader(TARGET_HEADER, String.class))
                .or(() -> config.restore().defaultTarget())
                .orElseThrow(() -> new RestoreRefusedException(Reason.INVALID_REQUEST, "a dropped archive is restored"
                        + " into caravan.restore.default-target, which is not configured"));
        RestoreTarget target = RestoreTarget.parse(targetText);
        RestoreRequest request = new RestoreRequest(null, null, null, null, targetText, null, null, RestoreMode.REPLACE,
                null, null, null);
        RestorePlan plan = cleanedUp(new RestorePlan(request, job, target, RestoreFilter.all(), staging(job), false),
                exchange);
        String name = archive.getFileName().toString();
        if (!Files.isRegularFile(archive)) {
            throw new RestoreRefusedException(Reason.NOT_FOUND, "the dropped archive " + archive + " is not a file");
        }
        plan.backups().add(new RestorePlan.Backup(name, INBOX, null,
                List.of(new RestorePlan.Archive(name, codecOf(name), archive, null, false))));
        return plan;
    }

    /** What a dropped archive's result gives as where it came from. */
    static final String INBOX = "inbox";

    /** A dropped archive's codec, by its name: {@code .rdb.zst}, {@code .rdb.gz}, {@code .zip}, {@code .rdb}. */
    static Codec codecOf(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        String codec = lower.endsWith(".rdb.zst") ? "zstd" : lower.endsWith(".rdb.gz") ? "gzip"
                : lower.endsWith(".zip") ? "zip" : lower.endsWith(".rdb") ? "none" : null;
        if (codec == null) {
            throw new RestoreRefusedException(Reason.INVALID_REQUEST, "the dropped file " + fileName
                    + " is not an archive Caravan reads: name it .rdb.zst, .rdb.gz, .zip or .rdb");
        }
        return Codecs.standard().byName(codec);
    }

    /** The header that names a dropped archive's target. */
    public static final String TARGET_HEADER = "caravanRestoreTarget";

    /**
     * Asks a server target what it is (TARGET_UNAVAILABLE when it cannot be reached or refuses the
     * credentials); checks that a file target's folder exists.
     */
    public void probe(RestorePlan plan) {
        if (plan.target() instanceof RestoreTarget.Server server) {
            plan.targetInfo(loader(plan).probe(server.uri()));
        } else if (plan.target() instanceof RestoreTarget.File file) {
            Path folder = file.path().getParent();
            if (folder == null || !Files.isDirectory(folder)) {
                throw new RestoreRefusedException(Reason.INVALID_REQUEST, "the target file's folder " + folder
                        + " does not exist; create it or choose another file: path");
            }
            if (Files.isDirectory(file.path())) {
                throw new RestoreRefusedException(Reason.INVALID_REQUEST, "the target " + file + " is a folder;"
                        + " give the path of an RDB file to write");
            }
        }
    }

    /** The loader for a plan: the configured window, big payloads spilled to the job's staging folder. */
    RedisLoader loader(RestorePlan plan) {
        return new RedisLoader(PullOptions.defaults(), plan.stagingDir(), RedisLoader.DEFAULT_SPILL_THRESHOLD);
    }

    /** The failure handler's step: the job records why it failed; the exception still reaches the caller. */
    public void failed(Exchange exchange) {
        RestoreJob job = exchange.getProperty(RestoreJob.EXCHANGE_PROPERTY, RestoreJob.class);
        Throwable cause = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (job != null && cause != null) {
            job.failed(cause);
        }
    }

    private static RestoreJob job(Exchange exchange) {
        RestoreJob job = exchange.getProperty(RestoreJob.EXCHANGE_PROPERTY, RestoreJob.class);
        if (job == null) {
            job = RestoreJob.create();
            exchange.setProperty(RestoreJob.EXCHANGE_PROPERTY, job);
        }
        return job;
    }

    private String targetOf(RestoreRequest request) {
        return targetOf(request, config);
    }

    /** The request's target, else its source's URI, else {@code caravan.restore.default-target}. */
    static String targetOf(RestoreRequest request, CaravanConfig config) {
        if (request.target() != null) {
            return request.target();
        }
        CaravanConfig.Source source = config.sources().get(request.source());
        if (source != null) {
            return source.uri();
        }
        return config.restore().defaultTarget().orElseThrow(() -> new RestoreRefusedException(Reason.INVALID_REQUEST,
                "the request names no \"target\", source '" + request.source() + "' is not configured"
                        + " (caravan.sources." + request.source() + ".uri) and caravan.restore.default-target is not set;"
                        + " give a \"target\" (redis://HOST:PORT or file:PATH)"));
    }

    /** The request's {@code "verify"}, else {@code caravan.restore.verify}: true for a check by checksum. */
    static boolean checksumOnly(RestoreRequest request, CaravanConfig config) {
        return request.checksumOnly(config.restore().verify() == CaravanConfig.Verify.CHECKSUM);
    }

    static RestoreFilter filterOf(RestoreRequest request) {
        RestoreRequest.Filter f = request.effectiveFilter();
        Map<Integer, Integer> remap = request.remap() == null ? Map.of() : new TreeMap<>(request.remap());
        try {
            return RestoreFilter.of(f.dbs() == null ? null : new HashSet<>(f.dbs()), f.keys(), f.keyRegex(),
                    f.types() == null ? null : new HashSet<>(f.types()), remap);
        } catch (IllegalArgumentException e) {
            throw new RestoreRefusedException(Reason.INVALID_REQUEST, e.getMessage());
        }
    }

    private Path staging(RestoreJob job) {
        String name = SAFE_ID.matcher(job.id()).matches() ? job.id() : "job-" + Integer.toHexString(job.id().hashCode());
        Path dir = config.restore().stagingDir().resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the restore staging folder " + dir
                    + " (caravan.restore.staging-dir): " + e.getMessage(), e);
        }
        return dir;
    }

    /** When the exchange is done, whatever its outcome: the plan's downloads stopped, then its staging folder removed. */
    private static RestorePlan cleanedUp(RestorePlan plan, Exchange exchange) {
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                plan.close();
                Staging.deleteTree(plan.stagingDir());
            }
        });
        return plan;
    }
}
